// How soon, seen from outside, a steered cluster stops sending new connections to a paused worker,
// and how soon it sends them again after it resumes: the steering program's replacement as a client
// meets it.
//
//   node exclusion.js --port P --pid PID [--every 10] [--probe-timeout 250] [--before 1] [--stopped 3]
//                     [--after 3] [--system NAME] [--run N] [--out FILE]
//
// Sends GET / on a new connection every --every ms (each on its own, not waiting for the last)
// to 127.0.0.1:P, whose answer names the worker's pid (the sample's "Hello from worker N (pid P)").
// After --before s it sends SIGSTOP to PID, --stopped s later SIGCONT, and stops --after s later.
// A probe sent while PID is stopped that has no answer within --probe-timeout ms landed on it (a
// steered connection never waits there). Prints one line and, with --out, appends a CSV row:
// system,run,probes,landed_on_stopped,last_landed_ms,first_back_ms
// last_landed_ms: from SIGSTOP to the sending of the last probe that landed on the stopped worker
// (0 when none did; about --stopped s when it never stopped getting them); first_back_ms: from
// SIGCONT to the sending of the first probe PID answered again (empty when none within --after s).
'use strict';
const http = require('node:http');
const fs = require('node:fs');

const args = { every: 10, 'probe-timeout': 250, before: 1, stopped: 3, after: 3, system: '', run: 1 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const port = Number(args.port);
const pid = Number(args.pid);
const probeTimeout = Number(args['probe-timeout']);
const probes = [];

function probe() {
  const p = { sentAt: performance.now(), pid: null, timedOut: false };
  probes.push(p);
  return new Promise((resolve) => {
    let body = '';
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, headers: { Connection: 'close' } }, (res) => {
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        const match = body.match(/pid (\d+)/);
        p.pid = match ? Number(match[1]) : null;
        resolve();
      });
      res.on('error', () => resolve());
    });
    // Past the probe timeout it counts as landed on the stopped worker, but the answer that comes
    // after SIGCONT is still read, so a late answer from another pid would show.
    const late = setTimeout(() => (p.timedOut = true), probeTimeout);
    req.setTimeout(Number(args.stopped) * 1000 + 5000, () => req.destroy());
    req.on('close', () => clearTimeout(late));
    req.on('error', () => resolve());
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  const pending = [];
  const ticker = setInterval(() => pending.push(probe()), Number(args.every));
  await sleep(Number(args.before) * 1000);
  const stopAt = performance.now();
  process.kill(pid, 'SIGSTOP');
  let contAt;
  try {
    await sleep(Number(args.stopped) * 1000);
  }
  finally {
    contAt = performance.now();
    process.kill(pid, 'SIGCONT');
  }
  await sleep(Number(args.after) * 1000);
  clearInterval(ticker);
  await Promise.all(pending);
  const landed = probes.filter((p) => p.sentAt >= stopAt && p.sentAt < contAt && p.timedOut);
  const lastLanded = landed.length ? Math.max(...landed.map((p) => p.sentAt)) - stopAt : 0;
  const back = probes.find((p) => p.sentAt >= contAt && p.pid === pid && !p.timedOut);
  const row = [args.system, args.run, probes.length, landed.length, lastLanded.toFixed(0), back ? (back.sentAt - contAt).toFixed(0) : ''];
  console.log(`${args.system}: ${landed.length} probes landed on the stopped worker, the last ${row[4]} ms after SIGSTOP; `
    + `it answered again ${back ? `${row[5]} ms after SIGCONT` : 'not within the run'}`);
  if (args.out) {
    fs.appendFileSync(args.out, row.join(',') + '\n');
  }
})();
