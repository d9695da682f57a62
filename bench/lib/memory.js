// Prints RSS and PSS (from /proc/<pid>/smaps_rollup) of each process of each system as CSV rows:
// system,role,pid,rss_mib,pss_mib
//
//   node memory.js SYSTEM:ROLE:PID[:tree] ...
//
// With ":tree" the process's descendants are listed too, with role "worker" (cluster workers,
// nginx workers, Node cluster workers). PSS counts a page shared by k processes as 1/k in each,
// so the PSS of a system's processes adds up to what they cost the machine together.
'use strict';
const fs = require('node:fs');
const { descendants } = require('./common');

function kib(text, field) {
  const match = text.match(new RegExp('^' + field + ':\\s+(\\d+) kB', 'm'));
  return match ? Number(match[1]) : NaN;
}

function row(system, role, pid) {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return [system, role, pid, (kib(rollup, 'Rss') / 1024).toFixed(1), (kib(rollup, 'Pss') / 1024).toFixed(1)].join(',');
  } catch {
    return null;
  }
}

const rows = [];
for (const spec of process.argv.slice(2)) {
  const [system, role, pid, tree] = spec.split(':');
  rows.push(row(system, role, Number(pid)));
  if (tree === 'tree') {
    descendants(Number(pid)).forEach((kid) => rows.push(row(system, 'worker', kid)));
  }
}
console.log(rows.filter(Boolean).join('\n'));
