// Pauses one worker under new-connection load, as a long GC pause or a frozen VM would, and
// counts what clients see: each client sends GET / on a new connection, waits at most
// --timeout ms for the answer, and moves on to a new connection after a failure, as real
// clients do (wrk leaves a stuck connection stuck and undercounts what users see).
//
//   node pause.js --port P --pid PID [--clients 16] [--warm 30] [--before 8] [--pause 8]
//                 [--after 4] [--timeout 2000] [--signal STOP] [--system NAME] [--out FILE]
//
// Runs --warm s of load first (not counted), then counts --before s, sends SIGSTOP (or --signal)
// to PID, counts --pause s, sends SIGCONT, counts --after s, and stops. Prints one line and,
// with --out, appends a CSV row:
// system,clients,before_rps,pause_rps,pause_ratio,failed,max_failed_per_client,after_rps
// Load goes only to 127.0.0.1.
'use strict';
const http = require('node:http');
const fs = require('node:fs');

const args = { clients: 16, warm: 30, before: 8, pause: 8, after: 4, timeout: 2000, signal: 'STOP', system: '' };
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

function request() {
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok) => {
      if (!done) {
        done = true;
        resolve(ok);
      }
    };
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, headers: { Connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => finish(res.statusCode === 200));
        res.on('error', () => finish(false));
      });
    req.setTimeout(timeout, () => {
      req.destroy();
      finish(false);
    });
    req.on('error', () => finish(false));
  });
}

async function client(index) {
  while (running) {
    const started = phase;
    const ok = await request();
    if (ok) {
      phases[started]++;
    }
    else if (started !== 'warm') {
      failedPerClient[index]++;
    }
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  const clients = [];
  for (let i = 0; i < failedPerClient.length; i++) {
    clients.push(client(i));
  }
  await sleep(Number(args.warm) * 1000);
  phase = 'before';
  await sleep(Number(args.before) * 1000);
  phase = 'pause';
  process.kill(pid, `SIG${args.signal}`);
  try {
    await sleep(Number(args.pause) * 1000);
  }
  finally {
    process.kill(pid, 'SIGCONT');
  }
  phase = 'after';
  await sleep(Number(args.after) * 1000);
  running = false;
  await Promise.all(clients);
  const beforeRps = phases.before / Number(args.before);
  const pauseRps = phases.pause / Number(args.pause);
  const afterRps = phases.after / Number(args.after);
  const failed = failedPerClient.reduce((a, b) => a + b, 0);
  const row = [args.system, failedPerClient.length, beforeRps.toFixed(0), pauseRps.toFixed(0),
    (pauseRps / beforeRps).toFixed(2), failed, Math.max(...failedPerClient), afterRps.toFixed(0)];
  console.log(`${args.system}: before ${row[2]} req/s, paused ${row[3]} req/s (${row[4]}x), `
    + `failed ${failed} (at most ${row[6]} per client), after ${row[7]} req/s`);
  if (args.out) {
    fs.appendFileSync(args.out, row.join(',') + '\n');
  }
})();
