// Requests/s second by second: back-to-back one-second wrk runs (the same client and script as the
// steady-state rounds), for the warm-up curves, the rolling restarts and the kills under load.
//
//   node series.js --url URL --t0 EPOCH_MS --scenario NAME --case NAME [--run N] --out FILE [--events FILE]
//                  [--seconds 60] [--wait-first 1] [--threads 2] [--connections 64]
//
// Each row of --out (CSV: scenario,case,run,t_s,seconds,requests,rps,errors,non2xx) is one wrk run of about
// one second, t_s being when it started, counted from --t0 (the launch, the restart request, ...),
// so that a curve starts where the bash script says it starts. Every run opens fresh keep-alive
// connections, as clients that reconnect do. --seconds bounds the series: it ends once that long has
// passed since --t0, or at SIGINT/SIGTERM after the run in progress. With --wait-first 1 it polls URL
// every 50 ms until the first 200 answer, writes a "first-answer" event to --events
// (scenario,case,run,event,t_s) and only then starts the wrk runs.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');

const args = { seconds: 60, run: 1, scenario: 'series', case: 'series', threads: 2, connections: 64, 'wait-first': 0 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
if (!args.url || !args.t0 || !args.out) {
  console.error('usage: node series.js --url URL --t0 EPOCH_MS --case NAME --out FILE [...]');
  process.exit(2);
}
const t0 = Number(args.t0);
const endAt = t0 + Number(args.seconds) * 1000;
const script = path.join(__dirname, 'wrk-csv.lua');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const since = (ms) => ((ms - t0) / 1000).toFixed(3);
let stopping = false;
process.on('SIGINT', () => (stopping = true));
process.on('SIGTERM', () => (stopping = true));

function answers() {
  return new Promise((resolve) => {
    const req = http.get(args.url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function wrkSecond() {
  return new Promise((resolve) => {
    const wrk = spawn('wrk', [`-t${args.threads}`, `-c${args.connections}`, '-d1s', '--timeout', '5s', '-s', script, args.url]);
    let out = '';
    wrk.stdout.on('data', (chunk) => (out += chunk));
    wrk.stderr.on('data', (chunk) => (out += chunk));
    wrk.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('WRKCSV,'));
      if (!line) {
        resolve(null);
        return;
      }
      const [, durUs, requests, connect, read, write, status, timeout] = line.split(',').map(Number);
      resolve({ seconds: durUs / 1e6, requests, errors: connect + read + write + timeout, non2xx: status });
    });
  });
}

(async () => {
  if (Number(args['wait-first']) === 1) {
    let answered = false;
    while (!stopping && Date.now() < endAt && !(answered = await answers())) {
      await sleep(50);
    }
    if (answered && args.events) {
      fs.appendFileSync(args.events, [args.scenario, args.case, args.run, 'first-answer', since(Date.now())].join(',') + '\n');
    }
    if (!answered) {
      console.error(`series.js: ${args.url} did not answer within ${args.seconds} s of the start`);
    }
  }
  const rows = [];
  while (!stopping && Date.now() < endAt) {
    const started = Date.now();
    const r = await wrkSecond();
    const elapsed = (Date.now() - started) / 1000;
    // a wrk that could not run at all (nothing listening) counts as one second of nothing
    const result = r || { seconds: elapsed, requests: 0, errors: 1, non2xx: 0 };
    const rps = result.seconds > 0 ? result.requests / result.seconds : 0;
    rows.push([args.scenario, args.case, args.run, since(started), result.seconds.toFixed(3), result.requests, rps.toFixed(1), result.errors, result.non2xx].join(','));
    if (!r) {
      await sleep(Math.max(0, 1000 - elapsed * 1000));
    }
  }
  fs.appendFileSync(args.out, rows.length ? rows.join('\n') + '\n' : '');
})();
