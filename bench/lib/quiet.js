// Is the machine quiet enough to measure? Reads /proc only.
//
//   node quiet.js [--max-load-per-core 0.5] [--max-jvm-cpu 10] [--sample-seconds 3]
//
// Busy when the 1-minute load average is above --max-load-per-core times the number of cores, or
// when a java process (comm "java") used more than --max-jvm-cpu percent of one core over
// --sample-seconds (utime + stime from /proc/PID/stat, sampled twice). Prints one JSON line
// {quiet, load: "L1 L5 L15", nproc, loadPerCore, busyJvms: [{pid, cpuPercent, command}], reasons}
// and exits 0 when quiet, 3 when busy.
'use strict';
const fs = require('node:fs');
const os = require('node:os');

const args = { 'max-load-per-core': 0.5, 'max-jvm-cpu': 10, 'sample-seconds': 3 };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture the JDK runs on

function javaCpuTicks() {
  const ticks = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'java') {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12])); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

function command(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 6).join(' ').slice(0, 160);
  } catch {
    return '';
  }
}

const seconds = Number(args['sample-seconds']);
const before = javaCpuTicks();
const started = Date.now();
setTimeout(() => {
  const after = javaCpuTicks();
  const elapsed = (Date.now() - started) / 1000;
  const busyJvms = [];
  for (const [pid, ticks] of after) {
    if (!before.has(pid)) {
      continue;
    }
    const cpuPercent = (100 * (ticks - before.get(pid))) / TICKS_PER_SECOND / elapsed;
    if (cpuPercent > Number(args['max-jvm-cpu'])) {
      busyJvms.push({ pid, cpuPercent: Math.round(cpuPercent), command: command(pid) });
    }
  }
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const nproc = os.availableParallelism();
  const loadPerCore = Number(load.split(' ')[0]) / nproc;
  const reasons = [];
  if (loadPerCore > Number(args['max-load-per-core'])) {
    reasons.push(`load average ${load} on ${nproc} cores (${loadPerCore.toFixed(2)} per core, above ${args['max-load-per-core']})`);
  }
  busyJvms.forEach((j) => reasons.push(`java process ${j.pid} used ${j.cpuPercent}% of a core over ${seconds} s (${j.command})`));
  const quiet = reasons.length === 0;
  console.log(JSON.stringify({ quiet, load, nproc, loadPerCore: Number(loadPerCore.toFixed(2)), busyJvms, reasons }));
  process.exit(quiet ? 0 : 3);
}, seconds * 1000);
