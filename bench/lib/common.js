// Helpers shared by the bench tools: the cluster's status over HTTP, and process trees from /proc.
'use strict';
const http = require('node:http');
const fs = require('node:fs');

// GET /actuator/cluster on 127.0.0.1:PORT: the parsed view, or null on any failure or timeout.
function clusterStatus(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: Number(port), path: '/actuator/cluster', agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? JSON.parse(body) : null);
        } catch {
          resolve(null);
        }
      });
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

// A process's children, from every thread: the JVM starts workers from other threads than main.
function children(pid) {
  let tids;
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // the process ended meanwhile
  }
  return tids.flatMap((tid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

function descendants(pid) {
  return children(pid).flatMap((kid) => [kid, ...descendants(kid)]);
}

// The standbys /actuator/cluster lists, as {pid, state, ready}: "standbys" is a pool
// {desired, promotions, standbys: [{state, process: {pid, ...}}]} (an array is read too); a jar
// without standby workers lists none. Ready means standing by (STANDING_BY), not starting or stopping.
function standbys(status) {
  const pool = status && status.standbys;
  const list = Array.isArray(pool) ? pool : pool && Array.isArray(pool.standbys) ? pool.standbys : [];
  return list.map((sb) => {
    const state = String(sb.state || '');
    const pid = sb.pid ?? (sb.process && sb.process.pid);
    return { pid, state, ready: Boolean(pid) && (state === 'STANDING_BY' || !/START|BOOT|WARMING|STOP|FAIL|BACKOFF|PENDING/.test(state)) };
  });
}

module.exports = { clusterStatus, children, descendants, standbys };
