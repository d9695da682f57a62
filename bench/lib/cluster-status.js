// Reads the sample app's /actuator/cluster for bench/run.sh.
//
//   node cluster-status.js up PORT WORKERS TIMEOUT_S     wait until WORKERS workers are UP
//   node cluster-status.js rollout-started PORT          print the last rollout's startedAt (or "none")
//   node cluster-status.js rollout PORT PREVIOUS TIMEOUT_S
//        wait until a rollout other than PREVIOUS has ended; print its state and seconds taken
//   node cluster-status.js pids PORT                     print "ROLE PID" lines: master, worker, standby
//   node cluster-status.js standbys PORT N TIMEOUT_S     wait until N standbys are listed and none is starting
//   node cluster-status.js ready PORT WORKERS STANDBYS TIMEOUT_S
//        wait until WORKERS workers are UP and STANDBYS standbys ready
//   node cluster-status.js steering PORT TIMEOUT_S       wait until the steering has settled (ACTIVE, OFF or
//        UNAVAILABLE, each worker with a share); print its mode, state and, if unavailable, why
// Exits 1 on timeout. A jar without standby support lists no "standbys": waiting for one times out.
'use strict';
const { clusterStatus, standbys } = require('./common');

const [command, port, a, b, c] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const status = () => clusterStatus(port);

// The standbys that are ready to be promoted (standing by).
const readyStandbys = (s) => standbys(s).filter((sb) => sb.ready);
const upWorkers = (s) => s.workers.filter((w) => w.state === 'UP').length;

async function until(timeoutS, test) {
  const deadline = Date.now() + Number(timeoutS) * 1000;
  while (Date.now() < deadline) {
    const s = await status();
    const result = s && test(s);
    if (result) {
      return result;
    }
    await sleep(50);
  }
  console.error(`cluster-status.js: ${command} on port ${port} timed out after ${timeoutS} s`);
  process.exit(1);
}

(async () => {
  if (command === 'up') {
    await until(b, (s) => s.workers.filter((w) => w.state === 'UP').length >= Number(a) && s.upWorkers >= Number(a));
  } else if (command === 'rollout-started') {
    const s = await until(30, (x) => x);
    console.log(s.rollout ? s.rollout.startedAt : 'none');
  } else if (command === 'rollout') {
    const r = await until(b, (s) => s.rollout && s.rollout.startedAt !== a && ['COMPLETED', 'FAILED', 'STOPPED'].includes(s.rollout.state) && s.rollout);
    const seconds = r.finishedAt ? (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000 : '';
    console.log(`${r.state} ${seconds}${r.failure ? ' ' + r.failure : ''}`);
  } else if (command === 'pids') {
    const s = await until(30, (x) => x);
    const lines = [`master ${s.master.pid}`, ...s.workers.filter((w) => w.process).map((w) => `worker ${w.process.pid}`),
      ...standbys(s).filter((sb) => sb.pid).map((sb) => `standby ${sb.pid}`)];
    console.log(lines.join('\n'));
  } else if (command === 'standbys') {
    await until(b, (s) => readyStandbys(s).length >= Number(a));
  } else if (command === 'ready') {
    await until(c, (s) => upWorkers(s) >= Number(a) && s.upWorkers >= Number(a) && readyStandbys(s).length >= Number(b));
  } else if (command === 'steering') {
    const st = await until(a, (s) => s.steering && ['ACTIVE', 'OFF', 'UNAVAILABLE'].includes(s.steering.state)
      && (s.steering.state !== 'ACTIVE' || (s.steering.workers || []).length >= s.upWorkers) && s.steering);
    console.log(`${st.mode} ${st.state}${st.unavailable ? ' ' + st.unavailable : ''}`);
  } else {
    console.error('unknown command ' + command);
    process.exit(2);
  }
})();
