// Times recovery after kill -9 of one worker, alternating slots.
//
//   node recover.js --mode jvm  --port P --kills N --system NAME --out FILE [--settle 2000] [--mark-pid PID]
//   node recover.js --mode node --primary PID --log FILE --kills N --system NAME --out FILE [...]
//
// jvm: reads /actuator/cluster, kill -9s the slot's pid and polls until that slot has a new pid
// in state UP. node: kill -9s the oldest child of the Node cluster primary and waits for the primary's
// "listening <pid> <epoch ms>" log line of a new worker (cluster.js prints it).
// Before each kill every worker must be UP and the last replacement up for --settle ms (above
// cluster.restart.stable-after, so that each kill counts as a crash after a stable run).
// With --mark-pid it sends SIGUSR1 to that process (load.js) at the kill and again at UP.
// Appends one CSV row per kill to --out: system,kill,slot,old_pid,new_pid,seconds,cds
'use strict';
const fs = require('node:fs');
const { clusterStatus: status, children } = require('./common');

const args = { settle: 2000, kills: 10, timeout: 90000 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat).
function startTime(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

function mark() {
  if (args['mark-pid']) {
    try {
      process.kill(Number(args['mark-pid']), 'SIGUSR1');
    } catch {
      // the load generator is gone: nothing to mark
    }
  }
}

async function allUp(port) {
  const deadline = Date.now() + Number(args.timeout);
  while (Date.now() < deadline) {
    const s = await status(port);
    if (s && s.workers && s.workers.length === s.desiredWorkers && s.workers.every((w) => w.state === 'UP')) {
      return s;
    }
    await sleep(100);
  }
  throw new Error('workers not all UP within ' + args.timeout + ' ms');
}

async function killJvmWorker(port, kill) {
  const before = await allUp(port);
  const slot = (kill % before.workers.length) + 1;
  const worker = before.workers.find((w) => w.id === slot);
  const killedAt = performance.now();
  const oldPid = worker.process.pid;
  process.kill(oldPid, 'SIGKILL');
  mark();
  const deadline = Date.now() + Number(args.timeout);
  while (Date.now() < deadline) {
    const s = await status(port);
    const now = s && s.workers.find((w) => w.id === slot);
    if (now && now.process && now.process.pid !== oldPid && now.state === 'UP') {
      const seconds = (performance.now() - killedAt) / 1000;
      mark();
      return { slot, oldPid, newPid: now.process.pid, seconds, cds: now.process.classDataSharing };
    }
    await sleep(20);
  }
  throw new Error(`worker ${slot} not UP again within ${args.timeout} ms`);
}

function listenedAfter(log, offset, known) {
  const text = fs.readFileSync(log, 'utf8').slice(offset);
  for (const match of text.matchAll(/^listening (\d+) (\d+)$/gm)) {
    if (!known.has(Number(match[1]))) {
      return { pid: Number(match[1]), at: Number(match[2]) };
    }
  }
  return null;
}

async function killNodeWorker(primary, log, kill) {
  // the longest-running worker, so that kills alternate between the workers as they do for the JVM
  const workers = children(primary).sort((a, b) => startTime(a) - startTime(b));
  const victim = workers[0];
  const offset = fs.statSync(log).size;
  const killedAt = Date.now();
  process.kill(victim, 'SIGKILL');
  mark();
  const deadline = Date.now() + Number(args.timeout);
  while (Date.now() < deadline) {
    const listened = listenedAfter(log, offset, new Set(workers));
    if (listened) {
      mark();
      return { slot: (kill % workers.length) + 1, oldPid: victim, newPid: listened.pid, seconds: (listened.at - killedAt) / 1000, cds: '' };
    }
    await sleep(5);
  }
  throw new Error(`no new Node worker listening within ${args.timeout} ms`);
}

(async () => {
  const rows = [];
  for (let kill = 0; kill < Number(args.kills); kill++) {
    await sleep(Number(args.settle));
    const result = args.mode === 'node'
      ? await killNodeWorker(Number(args.primary), args.log, kill)
      : await killJvmWorker(Number(args.port), kill);
    const row = [args.system, kill + 1, result.slot, result.oldPid, result.newPid, result.seconds.toFixed(3), result.cds];
    rows.push(row.join(','));
    console.log(`  ${args.system} kill ${kill + 1}: worker ${result.slot} pid ${result.oldPid} -> ${result.newPid} UP after ${result.seconds.toFixed(2)} s`);
  }
  fs.appendFileSync(args.out, rows.join('\n') + '\n');
})().catch((err) => {
  console.error('recover.js: ' + err.message);
  process.exit(1);
});
