// Times recovery after kill -9 of one worker, alternating slots: from the kill until a process
// serves in that slot again.
//
//   node recover.js --mode jvm  --port P --kills N --system NAME --out FILE [--settle 2000] [--standbys 0]
//   node recover.js --mode node --primary PID --log FILE --kills N --system NAME --out FILE [...]
//   common options: [--condition idle|load] [--first-kill 0] [--timeout 90000]
//                   [--events FILE --scenario NAME --case NAME --run N --t0 EPOCH_MS] [--mark-pid PID]
//
// jvm: reads /actuator/cluster, kill -9s the slot's pid and polls (every 20 ms) until that slot has
// a new pid in state UP, then takes that process's readyAt; that pid may be a promoted standby's (column promoted). With --standbys N
// each kill first waits until N standbys are listed and none of them is still starting, so that
// every kill can promote one. node: kill -9s the oldest child of the Node cluster primary and
// waits for the primary's "listening <pid> <epoch ms>" log line of a new worker (cluster.js prints it).
// Before each kill every worker must be UP and the last replacement up for --settle ms (above
// cluster.restart.stable-after, so that each kill counts as a crash after a stable run).
// --first-kill offsets the slot rotation (for one kill per call). With --events it appends "kill"
// and "up" events (scenario,case,run,event,t_s, t_s from --t0) for series.js's timeline; with --mark-pid
// it sends SIGUSR1 to that process (load.js) at the kill and again at UP.
// Appends one CSV row per kill to --out:
// system,condition,kill,slot,old_pid,new_pid,seconds,class_data_sharing,promoted,polled_seconds
// (seconds empty when the slot was not served again within --timeout). For the JVM, seconds runs
// from the kill to the new process's readyAt in /actuator/cluster: the master's clock when the
// process reported itself serving on the shared port, as Node's worker logs its own "listening";
// polled_seconds is when the poll saw it, on a fresh connection of its own through the port.
'use strict';
const fs = require('node:fs');
const { clusterStatus: status, children, standbys: standbysOf } = require('./common');

const args = { settle: 2000, kills: 10, timeout: 90000, standbys: 0, condition: 'idle', 'first-kill': 0, run: 1 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat).
function startTime(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

// An instant as the endpoint writes it (nanoseconds, 'Z') in milliseconds since the epoch.
function epochMillis(instant) {
  return Date.parse(instant.replace(/(\.\d{3})\d*/, '$1'));
}

function event(name) {
  if (args.events) {
    fs.appendFileSync(args.events, [args.scenario, args.case, args.run, name, ((Date.now() - Number(args.t0)) / 1000).toFixed(3)].join(',') + '\n');
  }
}


function mark(name) {
  event(name);
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
    if (s && s.workers && s.workers.length === s.desiredWorkers && s.workers.every((w) => w.state === 'UP')
      && standbysOf(s).filter((sb) => sb.ready).length >= Number(args.standbys)) {
      return s;
    }
    await sleep(100);
  }
  throw new Error(`workers not all UP${Number(args.standbys) > 0 ? ` with ${args.standbys} standby ready` : ''} within ${args.timeout} ms`);
}

async function killJvmWorker(port, kill) {
  const before = await allUp(port);
  const slot = (kill % before.workers.length) + 1;
  const worker = before.workers.find((w) => w.id === slot);
  const oldPid = worker.process.pid;
  const standbyPids = new Set(standbysOf(before).map((sb) => sb.pid));
  const killedAt = performance.now();
  const killedAtEpoch = Date.now();
  process.kill(oldPid, 'SIGKILL');
  mark('kill');
  const deadline = Date.now() + Number(args.timeout);
  while (Date.now() < deadline) {
    const s = await status(port);
    const now = s && s.workers.find((w) => w.id === slot);
    if (now && now.process && now.process.pid !== oldPid && now.state === 'UP') {
      const polled = (performance.now() - killedAt) / 1000;
      mark('up');
      // the master's clock: when the new process reported itself serving (readyAt), as Node's
      // worker logs when it listens; the poll only sees it later, on a connection of its own
      const seconds = (epochMillis(now.process.readyAt) - killedAtEpoch) / 1000;
      return { slot, oldPid, newPid: now.process.pid, seconds, polled, cds: now.process.classDataSharing, promoted: standbyPids.has(now.process.pid) };
    }
    await sleep(20);
  }
  console.error(`recover.js: worker ${slot} not UP again within ${args.timeout} ms`);
  return { slot, oldPid, newPid: '', seconds: NaN, cds: '', promoted: '' };
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
  mark('kill');
  const deadline = Date.now() + Number(args.timeout);
  while (Date.now() < deadline) {
    const listened = listenedAfter(log, offset, new Set(workers));
    if (listened) {
      mark('up');
      return { slot: (kill % workers.length) + 1, oldPid: victim, newPid: listened.pid, seconds: (listened.at - killedAt) / 1000, cds: '', promoted: '' };
    }
    await sleep(5);
  }
  console.error(`recover.js: no new Node worker listening within ${args.timeout} ms`);
  return { slot: (kill % workers.length) + 1, oldPid: victim, newPid: '', seconds: NaN, cds: '', promoted: '' };
}

(async () => {
  const rows = [];
  const first = Number(args['first-kill']);
  for (let kill = first; kill < first + Number(args.kills); kill++) {
    await sleep(Number(args.settle));
    const result = args.mode === 'node'
      ? await killNodeWorker(Number(args.primary), args.log, kill)
      : await killJvmWorker(Number(args.port), kill);
    const seconds = isNaN(result.seconds) ? '' : result.seconds.toFixed(3);
    const polled = typeof result.polled === 'number' ? result.polled.toFixed(3) : '';
    const row = [args.system, args.condition, kill + 1, result.slot, result.oldPid, result.newPid, seconds, result.cds, result.promoted, polled];
    rows.push(row.join(','));
    console.log(`    ${args.system} ${args.condition} kill ${kill + 1}: worker ${result.slot} pid ${result.oldPid} -> ${result.newPid || 'none'} `
      + `${seconds ? `serving after ${result.seconds.toFixed(2)} s${polled ? ` (seen by the poll after ${polled} s)` : ''}` : 'not serving within the timeout'}${result.promoted === true ? ' (promoted standby)' : ''}`);
  }
  fs.appendFileSync(args.out, rows.join('\n') + '\n');
})().catch((err) => {
  console.error('recover.js: ' + err.message);
  process.exit(1);
});
