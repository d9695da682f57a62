// Pauses one worker under new-connection load, as a long GC pause or a frozen VM would, or blocks
// every request thread of it while it keeps running, as a deadlock would, and counts what clients
// see: each client sends GET / on a new connection, waits at most --timeout ms for the answer, and
// moves on to a new connection after a failure, as real clients do (wrk leaves a stuck connection
// stuck and undercounts what users see).
//
//   node pause.js --port P --pid PID [--clients 16] [--warm 30] [--before 8] [--pause 8]
//                 [--after 4] [--timeout 2000] [--action stop] [--signal STOP] [--system NAME]
//                 [--round N] [--out FILE] [--park-threads 1] [--park-settle 50]
//
// Runs --warm s of load first (not counted), then counts --before s, then for --pause s:
//   --action stop   sends SIGSTOP (or --signal) to PID, and SIGCONT at the end;
//   --action park   blocks the request threads of PID: GET /park?millis=M&pid=PID (the sample's,
//                   bench/node/server.js's and bench/gunicorn/app.py's route, which parks only
//                   in that process and answers 421 elsewhere) on new connections, at most
//                   --park-threads unanswered at a time, a new one for each that answers 421,
//                   until the end of the pause, when every park ends; an attempt unanswered
//                   after --park-settle ms counts as held, and as parked once it answers 200 at
//                   the end of the pause (any other answer is reported). With --park-threads the worker's
//                   request threads (server.tomcat.threads.max; 1 for a Node worker or a sync
//                   Gunicorn worker), they all end up parked, and new requests wait behind them;
// then counts --after s, and stops. Prints one line and, with --out, appends a CSV row:
// system,clients,before_rps,pause_rps,pause_ratio,failed,max_failed_per_client,after_rps,
//   action,park_threads,parked,fill_ms,failure_kinds,round,park_answers
// (parked: the parks that lasted until the end of the pause; fill_ms: from the start of the pause
// until --park-threads attempts were held at once, empty when they never were; failure_kinds: what
// the failed requests of the counted phases met, as KIND:COUNT;...; park_answers: the park
// attempts' answers other than 421 and a 200 at the end, as KIND:COUNT;..., which a working
// /park never gives). Load goes only to 127.0.0.1.
'use strict';
const http = require('node:http');
const fs = require('node:fs');

const args = { clients: 16, warm: 30, before: 8, pause: 8, after: 4, timeout: 2000, action: 'stop', signal: 'STOP', system: '',
  round: 1, 'park-threads': 1, 'park-settle': 50 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const port = Number(args.port);
const pid = Number(args.pid);
const timeout = Number(args.timeout);
const phases = { warm: 0, before: 0, pause: 0, after: 0 };
let phase = 'warm';
let running = true;
const failedPerClient = new Array(Number(args.clients)).fill(0);
const failureKinds = {};

// GET path on a new connection; resolves with the status code, or with what went wrong (a string)
// once the answer has not come within timeoutMs
function get(path, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result) => {
      if (!done) {
        done = true;
        resolve(result);
      }
    };
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, headers: { Connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => finish(res.statusCode));
        res.on('error', (err) => finish(err.code || 'error'));
        res.on('aborted', () => finish('aborted'));
      });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      finish('TIMEOUT');
    });
    req.on('error', (err) => finish(err.code || err.message));
  });
}

async function client(index) {
  while (running) {
    const started = phase;
    const result = await get('/', timeout);
    if (result === 200) {
      phases[started]++;
    }
    else if (started !== 'warm') {
      failedPerClient[index]++;
      const kind = typeof result === 'number' ? `status ${result}` : result;
      failureKinds[kind] = (failureKinds[kind] || 0) + 1;
    }
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Blocks the request threads of PID until `until` (epoch ms), as --action park says.
async function park(until) {
  const threads = Number(args['park-threads']);
  const settle = Number(args['park-settle']);
  const started = Date.now();
  const held = new Set();
  const pending = [];
  const odd = {};
  let parked = 0;
  let fillMs = null;
  while (Date.now() < until - settle) {
    const batch = [];
    while (held.size < threads) {
      const attempt = {};
      attempt.done = get(`/park?millis=${Math.max(0, until - Date.now())}&pid=${pid}`, until - Date.now() + 5000)
        .then((result) => {
          held.delete(attempt);
          if (result === 200 && Date.now() >= until - 100) {
            parked++;
          }
          else if (result !== 421) {
            const kind = result === 200 ? 'early 200' : typeof result === 'number' ? `status ${result}` : result;
            odd[kind] = (odd[kind] || 0) + 1;
          }
          return result;
        });
      held.add(attempt);
      batch.push(attempt.done);
      pending.push(attempt.done);
    }
    await Promise.race([Promise.all(batch), sleep(settle)]);
    if (fillMs === null && held.size >= threads) {
      fillMs = Date.now() - started;
    }
    if (batch.length === 0) {
      await sleep(settle);
    }
  }
  return { fillMs, pending, parked: () => parked, odd: () => Object.entries(odd).map(([k, n]) => `${k}:${n}`).join(';') };
}

(async () => {
  const clients = [];
  for (let i = 0; i < failedPerClient.length; i++) {
    clients.push(client(i));
  }
  await sleep(Number(args.warm) * 1000);
  phase = 'before';
  await sleep(Number(args.before) * 1000);
  phase = 'pause';
  let parked = { fillMs: null, pending: [], parked: () => '', odd: () => '' };
  if (args.action === 'park') {
    const until = Date.now() + Number(args.pause) * 1000;
    parked = await park(until);
    await sleep(Math.max(0, until - Date.now()));
  }
  else {
    process.kill(pid, `SIG${args.signal}`);
    try {
      await sleep(Number(args.pause) * 1000);
    }
    finally {
      process.kill(pid, 'SIGCONT');
    }
  }
  phase = 'after';
  await sleep(Number(args.after) * 1000);
  running = false;
  await Promise.all([...clients, ...parked.pending]);
  const beforeRps = phases.before / Number(args.before);
  const pauseRps = phases.pause / Number(args.pause);
  const afterRps = phases.after / Number(args.after);
  const failed = failedPerClient.reduce((a, b) => a + b, 0);
  const kinds = Object.entries(failureKinds).map(([k, n]) => `${k}:${n}`).join(';');
  const row = [args.system, failedPerClient.length, beforeRps.toFixed(0), pauseRps.toFixed(0),
    (pauseRps / beforeRps).toFixed(2), failed, Math.max(...failedPerClient), afterRps.toFixed(0),
    args.action, args.action === 'park' ? args['park-threads'] : '', parked.parked(), parked.fillMs ?? '', kinds, args.round, parked.odd()];
  console.log(`${args.system}: before ${row[2]} req/s, ${args.action === 'park' ? 'blocked' : 'paused'} ${row[3]} req/s (${row[4]}x), `
    + `failed ${failed} (at most ${row[6]} per client${kinds ? ': ' + kinds : ''}), after ${row[7]} req/s`
    + (args.action === 'park' ? `; ${parked.parked()} of ${args['park-threads']} threads parked until the end${parked.fillMs === null ? ', never all at once' : `, all held after ${parked.fillMs} ms`}`
      + `${parked.odd() ? `; park attempts also answered ${parked.odd()}` : ''}` : ''));
  if (args.out) {
    fs.appendFileSync(args.out, row.join(',') + '\n');
  }
})();
