// A small closed-loop HTTP load generator for the scenarios that need per-interval counts
// (recovery after kill -9, rolling restarts), which wrk does not give.
//
//   node load.js --url URL [--connections 64] [--pace 0] [--duration 30] [--warmup 1] [--bin 250] [--timeout 5000]
//                [--timeline FILE] [--summary FILE] [--scenario NAME --case NAME --run N]
//                [--mix "W*PATH,W*PATH"] [--fresh 0] [--ready FILE] [--placement 0]
//
// Each of --connections loops sends a request over a keep-alive agent and sends the next one as
// soon as the answer is read, or --pace ms later; nothing is retried. --fresh 1 opens a new
// connection for each request instead (Connection: close), as clients that the steering of new
// connections can place. --mix sends, instead of URL's path, one of the PATHs at random with the
// given weights ("9*/locked?iterations=2000,1*/locked?iterations=400000": nine in ten short), and
// reports each path's counts and percentiles apart too. Every answer other than 200 counts as non200,
// every socket error, reset, early close or timeout counts as an error.
// SIGUSR1 marks the start of the next phase (phase 0 runs until the first mark); SIGINT or
// SIGTERM ends the run early; --duration bounds it in any case. It appends per-bin counts to
// --timeline (CSV rows scenario,case,run,t_s,ok,non200,errors with t_s counted from the first
// mark, or from the start without marks) and a JSON line (per phase: counts, p50, p99, the kinds
// of errors, and with --mix the same per path) to --summary, and prints that line. Latencies of the first --warmup seconds (connections opening)
// are left out of the percentiles; every request still counts. --placement 1 (with a mix of two
// paths, the rarer one counted as heavy) adds to each phase where its requests landed against what
// was in flight (bench/lib/placement.js).
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const { placement, serverOf } = require('./placement.js');

const args = { connections: 64, pace: 0, duration: 30, warmup: 1, bin: 250, timeout: 5000, scenario: 'load', case: 'load', run: 1 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
if (!args.url) {
  console.error('usage: node load.js --url URL [--connections N] [--duration S] ...');
  process.exit(2);
}
const connections = Number(args.connections);
const binMs = Number(args.bin);
const timeoutMs = Number(args.timeout);
const paceMs = Number(args.pace);
const url = new URL(args.url);
const fresh = Number(args.fresh || 0) === 1;
const agent = fresh ? false : new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
// [{path, weight}], or the URL's own path alone
const mix = (args.mix ? args.mix.split(',') : [`1*${url.pathname}${url.search}`]).map((entry) => {
  const star = entry.indexOf('*');
  return { weight: Number(entry.slice(0, star)), path: entry.slice(star + 1) };
});
const totalWeight = mix.reduce((s, m) => s + m.weight, 0);
const tracePlacement = Number(args.placement || 0) === 1;
const heavyPath = [...mix].sort((a, b) => a.weight - b.weight)[0].path;
function pickPath() {
  let r = Math.random() * totalWeight;
  for (const m of mix) {
    r -= m.weight;
    if (r < 0) {
      return m.path;
    }
  }
  return mix[mix.length - 1].path;
}

const start = performance.now();
const marks = [];
const bins = [];
const phases = [newPhase()];
const errorKinds = {};
let running = true;
let inFlight = 0;

function newPhase() {
  const byPath = Object.fromEntries(mix.map((m) => [m.path, { ok: 0, non200: 0, errors: 0, latencies: [] }]));
  return { ok: 0, non200: 0, errors: 0, latencies: [], errorKinds: {}, byPath, placed: [], startMs: performance.now() - (start || 0) };
}

function binOf(now) {
  const index = Math.floor((now - start) / binMs);
  while (bins.length <= index) {
    bins.push({ ok: 0, non200: 0, errors: 0 });
  }
  return bins[index];
}

function record(kind, latency, detail, path, server) {
  const now = performance.now();
  const phase = phases[phases.length - 1];
  const bin = binOf(now);
  phase[kind]++;
  phase.byPath[path][kind]++;
  bin[kind]++;
  if (kind === 'ok' && now - start >= Number(args.warmup) * 1000) {
    phase.latencies.push(latency);
    phase.byPath[path].latencies.push(latency);
    if (tracePlacement && server) {
      phase.placed.push({ sentMs: now - latency, doneMs: now, path, server });
    }
  }
  if (detail) {
    errorKinds[detail] = (errorKinds[detail] || 0) + 1;
    phase.errorKinds[detail] = (phase.errorKinds[detail] || 0) + 1;
  }
}

function loop() {
  if (!running) {
    return;
  }
  const sent = performance.now();
  const path = pickPath();
  let done = false;
  inFlight++;
  const finish = (kind, detail, server) => {
    if (done) {
      return;
    }
    done = true;
    inFlight--;
    record(kind, performance.now() - sent, detail, path, server);
    if (paceMs > 0) {
      setTimeout(loop, paceMs);
    } else {
      setImmediate(loop);
    }
  };
  const req = http.get({ hostname: url.hostname, port: url.port, path, agent, headers: fresh ? { Connection: 'close' } : {} }, (res) => {
    let body = '';
    res.on('data', (chunk) => {
      if (tracePlacement && body.length < 256) {
        body += chunk;
      }
    });
    res.on('end', () => finish(res.statusCode === 200 ? 'ok' : 'non200', res.statusCode === 200 ? null : 'status ' + res.statusCode,
      tracePlacement ? serverOf(res.headers, body) : null));
    res.on('error', (err) => finish('errors', err.code || err.message));
    res.on('aborted', () => finish('errors', 'aborted'));
  });
  req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
  req.on('error', (err) => finish('errors', err.code || err.message));
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return null;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(value, digits) {
  return value === null ? null : Number(value.toFixed(digits));
}

let finished = false;
function finish() {
  if (finished) {
    return;
  }
  finished = true;
  running = false;
  const end = performance.now();
  // Let answers in flight arrive (bounded by the request timeout), then report.
  const wait = setInterval(() => {
    if (inFlight === 0 || performance.now() - end > timeoutMs + 500) {
      clearInterval(wait);
      report(end);
    }
  }, 20);
}

function report(end) {
  const phaseSummaries = phases.map((phase, index) => {
    const until = index + 1 < phases.length ? phases[index + 1].startMs : end - start;
    const seconds = Math.max(0.001, (until - phase.startMs) / 1000);
    const sorted = Float64Array.from(phase.latencies).sort();
    const paths = mix.length < 2 ? undefined : Object.fromEntries(Object.entries(phase.byPath).map(([path, p]) => {
      const own = Float64Array.from(p.latencies).sort();
      return [path, { ok: p.ok, non200: p.non200, errors: p.errors, rps: round(p.ok / seconds, 1),
        p50Ms: round(percentile(own, 50), 3), p99Ms: round(percentile(own, 99), 3) }];
    }));
    return {
      phase: index,
      fromS: round(phase.startMs / 1000, 3),
      seconds: round(seconds, 3),
      ok: phase.ok,
      non200: phase.non200,
      errors: phase.errors,
      rps: round(phase.ok / seconds, 1),
      p50Ms: round(percentile(sorted, 50), 3),
      p99Ms: round(percentile(sorted, 99), 3),
      errorKinds: phase.errorKinds,
      paths,
      placement: tracePlacement ? placement(phase.placed, heavyPath) : undefined,
    };
  });
  const summary = {
    scenario: args.scenario,
    case: args.case,
    run: Number(args.run),
    url: args.url,
    connections,
    paceMs,
    fresh,
    mix: args.mix,
    seconds: round((end - start) / 1000, 3),
    marksS: marks.map((m) => round(m / 1000, 3)),
    ok: phases.reduce((s, p) => s + p.ok, 0),
    non200: phases.reduce((s, p) => s + p.non200, 0),
    errors: phases.reduce((s, p) => s + p.errors, 0),
    errorKinds,
    phases: phaseSummaries,
  };
  if (args.timeline) {
    const zero = marks.length > 0 ? marks[0] : 0;
    // Whole bins only: the last one, cut short by the end of the run, would read as a drop.
    const lines = bins.slice(0, Math.floor((end - start) / binMs)).map((b, i) => [args.scenario, args.case, args.run, ((i * binMs - zero) / 1000).toFixed(3), b.ok, b.non200, b.errors].join(','));
    fs.appendFileSync(args.timeline, lines.join('\n') + '\n');
  }
  const json = JSON.stringify(summary);
  if (args.summary) {
    fs.appendFileSync(args.summary, json + '\n');
  }
  console.log(json);
  if (agent) {
    agent.destroy();
  }
  process.exit(0);
}

process.on('SIGUSR1', () => {
  marks.push(performance.now() - start);
  phases.push(newPhase());
});
process.on('SIGINT', finish);
process.on('SIGTERM', finish);
setTimeout(finish, Number(args.duration) * 1000);
for (let i = 0; i < connections; i++) {
  loop();
}
if (args.ready) {
  fs.writeFileSync(args.ready, String(process.pid));
}
