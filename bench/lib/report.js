// Turns the raw CSV of one bench/run.sh run into summary CSV, PNG charts (gnuplot) and the
// generated part of RESULTS.md, between <!-- peers:begin --> and <!-- peers:end -->.
//
//   node report.js --results DIR --markdown FILE --plot SCRATCH-DIR [--elapsed S] [--load-at-end "L1 L5 L15"]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const dir = args.results;
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const plotDir = args.plot;
fs.mkdirSync(plotDir, { recursive: true });

// ------------------------------------------------------------------ helpers
function readCsv(name) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    return [];
  }
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const keys = header.split(',');
  return lines.filter(Boolean).map((line) => {
    const values = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, isNaN(Number(values[i])) || values[i] === '' ? values[i] : Number(values[i])]));
  });
}
function writeCsv(name, rows, keys) {
  fs.writeFileSync(path.join(dir, name), [keys.join(','), ...rows.map((r) => keys.map((k) => r[k] ?? '').join(','))].join('\n') + '\n');
}
function median(values) {
  const v = values.filter((x) => typeof x === 'number' && !isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) {
    return NaN;
  }
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
const fmt = (x, digits = 0, unit = '') => (typeof x !== 'number' || !isFinite(x) ? 'n/a'
  : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) + unit);
const ratio = (x) => (isNaN(x) ? 'n/a' : x.toFixed(2) + '×');
const pct = (x) => (isNaN(x) ? 'n/a' : Math.round(x * 100) + '%');

const LABELS = {
  jvm: '1 JVM',
  'cluster-2': 'cluster, 2 workers',
  'cluster-auto': `cluster, auto (= ${meta.nproc})`,
  'nginx-2jvm': 'nginx + 2 JVMs',
  node: 'Node, 1 process',
  'node-cluster-2': 'Node cluster, 2 workers',
  'cluster-jdk17': 'cluster, JDK 17',
  'cluster-jdk25': 'cluster, JDK 25',
  'cluster-migrate-1': 'cluster, tcp_migrate_req=1',
  'cluster-migrate-0': 'cluster, tcp_migrate_req=0',
  'cluster-migrate-none': 'cluster (no tcp_migrate_req)',
  'pm2-reload': 'PM2 reload, 2 instances',
};
const label = (s) => LABELS[s] || s;
const SYSTEMS = ['jvm', 'cluster-2', 'cluster-auto', 'nginx-2jvm', 'node', 'node-cluster-2'];

// ------------------------------------------------------------------ scenario 1 and 2
const runs = readCsv('throughput.csv');
const summary = [];
for (const route of ['hello', 'cpu', 'locked']) {
  const base = runs.filter((r) => r.route === route && r.system === 'jvm');
  const baseRps = median(base.map((r) => r.rps));
  const baseP99 = median(base.map((r) => r.p99_ms));
  for (const system of SYSTEMS) {
    const rows = runs.filter((r) => r.route === route && r.system === system);
    if (rows.length === 0) {
      continue;
    }
    const rps = median(rows.map((r) => r.rps));
    const p99 = median(rows.map((r) => r.p99_ms));
    summary.push({
      route, system, runs: rows.length, rps, p50_ms: median(rows.map((r) => r.p50_ms)), p90_ms: median(rows.map((r) => r.p90_ms)),
      p99_ms: p99, errors: rows.reduce((s, r) => s + r.errors, 0), rps_vs_jvm: rps / baseRps, p99_vs_jvm: p99 / baseP99,
    });
  }
}
writeCsv('throughput-summary.csv', summary.map((s) => ({ ...s, rps_vs_jvm: s.rps_vs_jvm.toFixed(3), p99_vs_jvm: s.p99_vs_jvm.toFixed(3) })),
  ['route', 'system', 'runs', 'rps', 'p50_ms', 'p90_ms', 'p99_ms', 'errors', 'rps_vs_jvm', 'p99_vs_jvm']);
const get = (route, system) => summary.find((s) => s.route === route && s.system === system);

// ------------------------------------------------------------------ scenario 3
const kills = readCsv('recovery.csv');
const timeline = readCsv('timeline.csv');
const recovery = ['cluster-jdk17', 'cluster-jdk25', 'node-cluster-2'].map((system) => {
  const rows = kills.filter((k) => k.system === system);
  const bins = timeline.filter((t) => t.scenario === 'recovery' && t.case === system);
  // the rate before the kill, leaving out the load's first second (connections opening, JIT)
  const before = bins.filter((b) => b.t_s < 0).slice(4).map((b) => b.ok);
  const preRate = median(before) > 0 ? median(before) : NaN;
  const after = bins.filter((b) => b.t_s >= 0);
  let back = NaN;
  for (let i = 0; i < after.length && !isNaN(preRate); i++) {
    // back to 90% of the rate before the kill, for four bins (one second) in a row
    if (after.slice(i, i + 4).length === 4 && after.slice(i, i + 4).every((b) => b.ok >= 0.9 * preRate)) {
      back = after[i].t_s;
      break;
    }
  }
  const firstSeconds = after.filter((b) => b.t_s < 2);
  const load = readLoads().find((l) => l.scenario === 'recovery' && l.case === system);
  return {
    system,
    kills: rows.length,
    median_s: median(rows.map((r) => r.seconds)),
    min_s: Math.min(...rows.map((r) => r.seconds)),
    max_s: Math.max(...rows.map((r) => r.seconds)),
    cds: rows.filter((r) => r.class_data_sharing === 'true').length,
    rps_before: preRate * 4,
    rps_first_2s: firstSeconds.reduce((s, b) => s + b.ok, 0) / 2,
    lowest_rps: after.length ? Math.min(...after.filter((b) => b.t_s < 10).map((b) => b.ok)) * 4 : NaN,
    back_to_90pct_s: back,
    up_under_load_s: load && load.marksS.length > 1 ? load.marksS[1] - load.marksS[0] : NaN,
    failed_under_load: load ? load.non200 + load.errors : NaN,
  };
}).filter((r) => r.kills > 0);
writeCsv('recovery-summary.csv', recovery.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(3)) : v]))),
  ['system', 'kills', 'median_s', 'min_s', 'max_s', 'cds', 'rps_before', 'rps_first_2s', 'lowest_rps', 'back_to_90pct_s', 'up_under_load_s', 'failed_under_load']);

function readLoads() {
  const file = path.join(dir, 'loads.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

// ------------------------------------------------------------------ scenario 4
const rolling = readLoads().filter((l) => l.scenario === 'rolling').map((l) => {
  const [before, during, after] = l.phases;
  return {
    case: l.case, run: l.run, requests: l.ok + l.non200 + l.errors, failed: l.non200 + l.errors, non200: l.non200, errors: l.errors,
    error_kinds: Object.entries(l.errorKinds).map(([k, v]) => `${k}:${v}`).join(' '),
    rps_before: before.rps, rps_during: during ? during.rps : NaN,
    p50_before_ms: before.p50Ms, p99_before_ms: before.p99Ms, p50_during_ms: during ? during.p50Ms : NaN, p99_during_ms: during ? during.p99Ms : NaN,
    p99_after_ms: after ? after.p99Ms : NaN, rollout_s: during ? during.seconds : NaN,
  };
});
writeCsv('rolling.csv', rolling, ['case', 'run', 'requests', 'failed', 'non200', 'errors', 'error_kinds', 'rps_before', 'rps_during',
  'p50_before_ms', 'p99_before_ms', 'p50_during_ms', 'p99_during_ms', 'p99_after_ms', 'rollout_s']);
const rollingCases = [...new Set(rolling.map((r) => r.case))].map((c) => {
  const rows = rolling.filter((r) => r.case === c);
  return {
    case: c, runs: rows.length, requests: rows.reduce((s, r) => s + r.requests, 0), failed: rows.reduce((s, r) => s + r.failed, 0),
    p99_before: median(rows.map((r) => r.p99_before_ms)), p99_during: median(rows.map((r) => r.p99_during_ms)),
    rps_before: median(rows.map((r) => r.rps_before)), rps_during: median(rows.map((r) => r.rps_during)),
    rollout_s: median(rows.map((r) => r.rollout_s)),
  };
});

// ------------------------------------------------------------------ scenario 5
const memory = readCsv('memory.csv');
const memoryTotals = SYSTEMS.map((system) => {
  const rows = memory.filter((m) => m.system === system);
  return {
    system, processes: rows.length, rss: rows.reduce((s, r) => s + r.rss_mib, 0), pss: rows.reduce((s, r) => s + r.pss_mib, 0),
    detail: rows.map((r) => `${r.role} ${fmt(r.rss_mib)}`).join(', '),
  };
}).filter((m) => m.processes > 0);
const mem = (system) => memoryTotals.find((m) => m.system === system);

// ------------------------------------------------------------------ charts
const png = (name) => path.join(dir, name);
const gp = [];
gp.push(`set terminal pngcairo size 1200,460 font "sans,9" noenhanced`);
gp.push(`set datafile separator "\\t"`);
gp.push(`set style fill solid 0.85 border -1`);
gp.push(`set grid ytics lc rgb "#dddddd"`);
gp.push(`set key noautotitle`);

// throughput: one panel per route
const panels = ['hello', 'cpu', 'locked'].filter((route) => summary.some((s) => s.route === route));
panels.forEach((route) => {
  const rows = summary.filter((s) => s.route === route);
  fs.writeFileSync(path.join(plotDir, `tp-${route}.tsv`), rows.map((s) => `${label(s.system)}\t${s.rps.toFixed(1)}\t${ratio(s.rps_vs_jvm)}`).join('\n') + '\n');
});
gp.push(`set output "${png('throughput.png')}"`);
gp.push(`set multiplot layout 1,${panels.length} title "Requests/s, median of ${meta.durations.rounds} interleaved runs (${meta.connections} keep-alive connections, ${meta.nproc} cores, labels: × one JVM)"`);
const titles = { hello: 'GET / (hello)', cpu: `GET /cpu (${meta.cpuIterations} SHA-256 rounds)`, locked: 'GET /locked (one global lock)' };
panels.forEach((route) => {
  gp.push(`set title "${titles[route]}"`);
  gp.push(`set boxwidth 0.7`);
  gp.push(`set yrange [0:*]`);
  gp.push(`set xtics rotate by -30 nomirror`);
  gp.push(`set offsets 0,0,graph 0.12,0`);
  gp.push(`plot "${path.join(plotDir, `tp-${route}.tsv`)}" using 0:2:xtic(1) with boxes lc rgb "#4a7ab5", "" using 0:2:3 with labels offset 0,0.7 font "sans,8"`);
});
gp.push(`unset multiplot`);

// latency: p50 and p99 per system, log scale
const latencyRoutes = ['hello', 'cpu'].filter((route) => summary.some((s) => s.route === route));
latencyRoutes.forEach((route) => {
  fs.writeFileSync(path.join(plotDir, `lat-${route}.tsv`), 'system\tp50\tp90\tp99\n' + summary.filter((s) => s.route === route)
    .map((s) => `${label(s.system)}\t${s.p50_ms}\t${s.p90_ms}\t${s.p99_ms}`).join('\n') + '\n');
});
gp.push(`set output "${png('latency.png')}"`);
gp.push(`set offsets 0,0,0,0`);
gp.push(`set multiplot layout 1,${latencyRoutes.length} title "Latency percentiles (ms, log scale), median of the runs"`);
latencyRoutes.forEach((route) => {
  gp.push(`set title "${titles[route]}"`);
  gp.push(`set logscale y`);
  gp.push(`set yrange [*:*]`);
  gp.push(`set style data histogram`);
  gp.push(`set style histogram clustered gap 1`);
  gp.push(`set boxwidth 0.9`);
  gp.push(`set key top left autotitle columnheader`);
  gp.push(`plot "${path.join(plotDir, `lat-${route}.tsv`)}" using 2:xtic(1) title "p50" lc rgb "#8fb3de", "" using 3 title "p90" lc rgb "#4a7ab5", "" using 4 title "p99" lc rgb "#1d3f6e"`);
});
gp.push(`unset multiplot`);
gp.push(`unset logscale y`);
gp.push(`set style data lines`);
gp.push(`set key noautotitle`);

// recovery timeline: capacity as % of the rate before the kill
const colors = ['#1d3f6e', '#c0392b', '#27ae60', '#8e44ad', '#e67e22'];
const charted = recovery.filter((r) => !isNaN(r.rps_before));
if (charted.length > 0) {
  charted.forEach((r) => {
    const bins = timeline.filter((t) => t.scenario === 'recovery' && t.case === r.system);
    const pre = r.rps_before / 4;
    fs.writeFileSync(path.join(plotDir, `rec-${r.system}.tsv`), bins.map((b) => `${b.t_s}\t${((100 * b.ok) / pre).toFixed(1)}`).join('\n') + '\n');
  });
  gp.push(`set output "${png('recovery.png')}"`);
  gp.push(`set size 1,1`);
  gp.push(`set title "Capacity after kill -9 of one of 2 workers (GET /cpu under load; 100% = before the kill; dashed: replacement UP)"`);
  gp.push(`set xlabel "seconds since kill -9"`);
  gp.push(`set ylabel "requests per 250 ms, % of before"`);
  gp.push(`set xtics norotate`);
  gp.push(`set yrange [0:*<250]`);
  const until = Math.min(40, Math.max(...charted.map((r) => (isNaN(r.up_under_load_s) ? 30 : r.up_under_load_s + 8))));
  gp.push(`set xrange [*:${until.toFixed(0)}]`);
  gp.push(`set key top right`);
  charted.forEach((r, i) => {
    if (!isNaN(r.up_under_load_s)) {
      gp.push(`set arrow ${i + 1} from ${r.up_under_load_s.toFixed(3)},graph 0 to ${r.up_under_load_s.toFixed(3)},graph 1 nohead dt 2 lc rgb "${colors[i]}"`);
    }
  });
  gp.push(`plot ${charted.map((r, i) => `"${path.join(plotDir, `rec-${r.system}.tsv`)}" using 1:2 with lines lw 2 lc rgb "${colors[i]}" title "${label(r.system)}: ${isNaN(r.up_under_load_s) ? 'not UP within the run' : `UP after ${r.up_under_load_s.toFixed(1)} s`}"`).join(', ')}`);
  gp.push(`unset arrow`);
  gp.push(`set xrange [*:*]`);
}

// rolling restart timeline: the first run of each case
if (rollingCases.length > 0) {
  rollingCases.forEach((c) => {
    const bins = timeline.filter((t) => t.scenario === 'rolling' && t.case === c.case && t.run === 1);
    fs.writeFileSync(path.join(plotDir, `roll-${c.case}.tsv`), bins.map((b) => `${b.t_s}\t${b.ok * 4}\t${(b.non200 + b.errors) * 4}`).join('\n') + '\n');
  });
  gp.push(`set output "${png('rolling.png')}"`);
  gp.push(`set yrange [0:*]`);
  gp.push(`set multiplot layout 2,1 title "Rolling restart under load (GET /, ${meta.connections} keep-alive connections pausing ${meta.rollingPaceMs} ms; first run of each; t = 0 when the restart is requested)"`);
  gp.push(`set title "successful requests/s (per 250 ms)"`);
  gp.push(`set xlabel ""`);
  gp.push(`set ylabel "req/s"`);
  gp.push(`set key top right`);
  gp.push(`plot ${rollingCases.map((c, i) => `"${path.join(plotDir, `roll-${c.case}.tsv`)}" using 1:2 with lines lw 2 lc rgb "${colors[i]}" title "${label(c.case)} (rollout ${fmt(c.rollout_s, 1)} s)"`).join(', ')}`);
  gp.push(`set title "failed requests/s (errors and non-200, per 250 ms)"`);
  gp.push(`set xlabel "seconds since the restart was requested"`);
  gp.push(`set ylabel "failed/s"`);
  gp.push(`set yrange [0:*]`);
  gp.push(`plot ${rollingCases.map((c, i) => `"${path.join(plotDir, `roll-${c.case}.tsv`)}" using 1:3 with impulses lw 2 lc rgb "${colors[i]}" title "${label(c.case)}: ${fmt(c.failed)} failed"`).join(', ')}`);
  gp.push(`unset multiplot`);
}

// memory: RSS and PSS totals per system
if (memoryTotals.length > 0) {
  fs.writeFileSync(path.join(plotDir, 'memory.tsv'), 'system\tRSS (sum)\tPSS (sum)\n' + memoryTotals.map((m) => `${label(m.system)} (${m.processes})\t${m.rss.toFixed(0)}\t${m.pss.toFixed(0)}`).join('\n') + '\n');
  gp.push(`set output "${png('memory.png')}"`);
  gp.push(`set title "Memory after warm-up, all processes of each system (MiB; in brackets: processes)"`);
  gp.push(`set xlabel ""`);
  gp.push(`set ylabel "MiB"`);
  gp.push(`set yrange [0:*]`);
  gp.push(`set xtics rotate by -30 nomirror`);
  gp.push(`set style data histogram`);
  gp.push(`set style histogram clustered gap 1`);
  gp.push(`set boxwidth 0.9`);
  gp.push(`set key top left autotitle columnheader`);
  gp.push(`plot "${path.join(plotDir, 'memory.tsv')}" using 2:xtic(1) lc rgb "#8fb3de", "" using 3 lc rgb "#1d3f6e"`);
}
fs.writeFileSync(path.join(plotDir, 'charts.gp'), gp.join('\n') + '\n');
execFileSync('gnuplot', [path.join(plotDir, 'charts.gp')], { stdio: 'inherit' });

// ------------------------------------------------------------------ markdown
const md = [];
const memGiB = (meta.memTotalKiB / 1024 / 1024).toFixed(0);
md.push('## Against the peers');
md.push('');
md.push(`Generated by \`${meta.command}\` (do not edit between the markers; the run rewrites it). ${meta.date.replace('T', ' ').replace('Z', ' UTC')}, commit ${meta.gitCommit}, `
  + `${args.elapsed ? Math.round(args.elapsed / 60 * 10) / 10 + ' minutes' : ''}.`);
md.push('');
md.push(`Machine: ${meta.nproc} cores (${meta.cpu}), ${memGiB} GiB, ${meta.kernel}; load average ${meta.loadAverageAtStart} at the start, `
  + `${args['load-at-end'] || 'n/a'} at the end. ${meta.java17}; ${meta.java25}; Node ${meta.node}, nginx ${meta.nginx}, wrk ${meta.wrk}, PM2 ${meta.pm2}.`);
if (meta.quick) {
  md.push('');
  md.push('> **Quick mode**: tiny durations to check the pipeline. These figures are not results.');
}
md.push('');
md.push('### Headline');
md.push('');
const line = (route, system) => {
  const s = get(route, system);
  return s ? `${label(system)} ${ratio(s.rps_vs_jvm)} (p99 ${ratio(s.p99_vs_jvm)})` : null;
};
for (const route of ['hello', 'cpu']) {
  const parts = ['cluster-2', 'cluster-auto', 'nginx-2jvm', 'node', 'node-cluster-2'].map((s) => line(route, s)).filter(Boolean);
  if (parts.length) {
    md.push(`- **${titles[route]}**, requests/s against one JVM (${fmt(get(route, 'jvm')?.rps)}/s): ${parts.join('; ')}.`);
  }
}
if (get('locked', 'cluster-2')) {
  md.push(`- **Serialized handler** (${titles.locked}): cluster, 2 workers ${ratio(get('locked', 'cluster-2').rps_vs_jvm)} the requests/s of one JVM`
    + `${get('locked', 'nginx-2jvm') ? `; nginx + 2 JVMs ${ratio(get('locked', 'nginx-2jvm').rps_vs_jvm)}` : ''}.`);
}
if (recovery.length) {
  md.push(`- **Recovery** (kill -9 of a worker until its replacement is UP, median): ${recovery.map((r) => `${label(r.system)} ${fmt(r.median_s, 2)} s`).join('; ')}.`);
}
if (rollingCases.length) {
  md.push(`- **Rolling restart under load**, failed requests: ${rollingCases.map((c) => `${label(c.case)} ${fmt(c.failed)} of ${fmt(c.requests)} `
    + `(p99 ${ratio(c.p99_during / c.p99_before)} during the rollout)`).join('; ')}.`);
}
if (mem('cluster-2') && mem('jvm')) {
  md.push(`- **Memory** (PSS, all processes): cluster, 2 workers ${fmt(mem('cluster-2').pss)} MiB against ${fmt(mem('jvm').pss)} MiB for one JVM `
    + `(${ratio(mem('cluster-2').pss / mem('jvm').pss)})${mem('nginx-2jvm') ? ` and ${fmt(mem('nginx-2jvm').pss)} MiB for nginx + 2 JVMs` : ''}.`);
}
md.push('');
md.push('![Requests/s per system](results/throughput.png)');
md.push('');
md.push('Charts: [latency percentiles](results/latency.png), [recovery timeline](results/recovery.png), '
  + '[rolling restart timeline](results/rolling.png), [memory](results/memory.png). Raw data: [results/](results/) '
  + '(`throughput.csv` has every wrk run, `timeline.csv` every 250 ms bin, `loads.jsonl` every load run).');
md.push('');

md.push('### 1. Throughput and latency');
md.push('');
md.push(`wrk, ${meta.wrkThreads} threads, ${meta.connections} keep-alive connections, ${meta.durations.runS} s per run. Warm-up per route: `
  + `${meta.durations.warmupTogetherS ?? 0} s of light load on every JVM system at once (each worker JVM compiles the hot paths again for itself), `
  + `then ${meta.durations.warmupS} s of each system alone. Every JVM runs with \`${meta.jvmHeap ?? 'default heap'}\`. `
  + `${meta.durations.rounds} rounds with the systems interleaved, their order rotated each round; medians over the rounds, ratios against one JVM of the same run. `
  + `Every system ran all the time, idle while another was measured; wrk shares the ${meta.nproc} cores with the system it measures.`);
md.push('');
md.push('| route | system | requests/s | × 1 JVM | p50 ms | p99 ms | p99 × 1 JVM | errors |');
md.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
summary.filter((s) => s.route !== 'locked').forEach((s) => md.push(`| ${s.route} | ${label(s.system)} | ${fmt(s.rps)} | ${ratio(s.rps_vs_jvm)} | ${fmt(s.p50_ms, 2)} | ${fmt(s.p99_ms, 2)} | ${ratio(s.p99_vs_jvm)} | ${s.errors} |`));
md.push('');
md.push('### 2. A serialized handler');
md.push('');
md.push(`\`GET /locked\`: the same ${meta.cpuIterations} rounds of SHA-256 inside one JVM-wide lock (thread-unsafe legacy code, a single-threaded library). `
  + 'One JVM computes one such request at a time whatever its thread count; each worker has its own lock.');
md.push('');
md.push('| system | requests/s | × 1 JVM | p50 ms | p99 ms | errors |');
md.push('| --- | ---: | ---: | ---: | ---: | ---: |');
summary.filter((s) => s.route === 'locked').forEach((s) => md.push(`| ${label(s.system)} | ${fmt(s.rps)} | ${ratio(s.rps_vs_jvm)} | ${fmt(s.p50_ms, 2)} | ${fmt(s.p99_ms, 2)} | ${s.errors} |`));
md.push('');
md.push('### 3. Recovery after kill -9');
md.push('');
md.push(`\`kill -9\` of one of 2 workers, alternating, ${meta.durations.kills} times per system without load: time until \`/actuator/cluster\` shows a new pid \`UP\` `
  + 'in that slot (for Node: until the primary reports the new worker listening). It includes the master\'s restart backoff '
  + '(`cluster.restart.initial-backoff`, 500 ms); `cluster.restart.stable-after=1s` so that each kill counts as a crash after a stable run. '
  + `Before those, one kill under load (${meta.connections} connections on \`/cpu\`, counted per 250 ms) while the workers were still warm.`);
md.push('');
md.push('| system | kills | UP after, median | min to max | from class-data archive | req/s before | req/s first 2 s | lowest req/s | back to 90% after | UP under load | failed under load |');
md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
recovery.forEach((r) => md.push(`| ${label(r.system)} | ${r.kills} | ${fmt(r.median_s, 2, ' s')} | ${fmt(r.min_s, 2)} to ${fmt(r.max_s, 2, ' s')} | `
  + `${r.system.startsWith('node') ? 'n/a' : `${r.cds} of ${r.kills}`} | ${fmt(r.rps_before)} | ${fmt(r.rps_first_2s)} | ${fmt(r.lowest_rps)} | `
  + `${isNaN(r.back_to_90pct_s) ? 'not within the run' : fmt(r.back_to_90pct_s, 2, ' s')} | ${isNaN(r.up_under_load_s) ? 'not within the run' : fmt(r.up_under_load_s, 2, ' s')} | ${fmt(r.failed_under_load)} |`));
md.push('');
md.push('Under load the replacement starts much later than without: the load keeps the surviving worker\'s request threads '
  + `(up to ${meta.connections}) runnable, Linux shares the CPU per thread, and the replacement JVM starts on a handful of threads, `
  + 'so it gets a small share of the cores until it is up. A Node worker is one thread and is up in a fraction of a second either way. '
  + '"Failed under load" are the requests in flight on the killed worker\'s connections: `kill -9` lets it finish none of them.');
md.push('');
md.push('![Recovery timeline](results/recovery.png)');
md.push('');
md.push('### 4. Rolling restart under load');
md.push('');
md.push(`A client on \`GET /\` with ${meta.connections} keep-alive connections, each pausing ${meta.rollingPaceMs} ms between requests (a load below capacity, as in the loss benchmark above), `
  + 'that never retries and counts every reset, early close, timeout and non-200 as failed; '
  + '"during" is from the request (SIGHUP to the master; `pm2 reload`) until the rollout reports completed. '
  + `tcp_migrate_req: ${meta.tcpMigrateReqSettings === 'none' ? 'not available on this kernel' : `run with ${meta.tcpMigrateReqSettings.split(' ').join(' and ')}, restored to ${meta.tcpMigrateReqOriginal} afterwards`}.`);
md.push('');
md.push('| case | run | requests | failed | failures | req/s before | req/s during | p99 before | p99 during | rollout |');
md.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
rolling.forEach((r) => md.push(`| ${label(r.case)} | ${r.run} | ${fmt(r.requests)} | **${fmt(r.failed)}** | ${r.error_kinds || '-'} | ${fmt(r.rps_before)} | ${fmt(r.rps_during)} | `
  + `${fmt(r.p99_before_ms, 2, ' ms')} | ${fmt(r.p99_during_ms, 2, ' ms')} | ${fmt(r.rollout_s, 1, ' s')} |`));
md.push('');
md.push('![Rolling restart timeline](results/rolling.png)');
md.push('');
md.push('### 5. Memory after warm-up');
md.push('');
md.push('RSS and PSS from `/proc/<pid>/smaps_rollup` after scenarios 1 and 2. PSS counts a page shared by k processes as 1/k in each, so a system\'s PSS sum is what it costs the machine.');
md.push('');
md.push('| system | processes | RSS per process (MiB) | RSS sum | PSS sum | PSS × 1 JVM |');
md.push('| --- | ---: | --- | ---: | ---: | ---: |');
memoryTotals.forEach((m) => md.push(`| ${label(m.system)} | ${m.processes} | ${m.detail} | ${fmt(m.rss)} | ${fmt(m.pss)} | ${mem('jvm') ? ratio(m.pss / mem('jvm').pss) : 'n/a'} |`));
md.push('');

// where we are worse, and why
const worse = [];
const WHY = {
  'hello:jvm': 'a trivial thread-safe handler already runs on every core in one JVM through Tomcat\'s threads; two worker JVMs add a second JIT compiler, garbage collector and thread pool competing for the same cores (which wrk shares too). Cluster mode is for isolation, restarts and serialized code, not for more throughput of code that threads already scale',
  'cpu:jvm': 'SHA-256 on request threads already uses every core in one JVM; two JVMs only add their own JIT and GC threads on the same cores',
  'hello:nginx-2jvm': 'both run two JVMs; nginx balances each request round-robin over its pooled upstream connections, while the kernel hashes each of the 64 keep-alive connections to one worker once, so the split between the workers is only as even as that hash',
  'cpu:nginx-2jvm': 'both run two JVMs; nginx balances each request, the kernel only each connection, so an uneven split of the 64 connections leaves one worker busier',
  'locked:jvm': 'not what the design predicts (one JVM runs one locked request at a time, two workers two): look at the load of the machine during the run and at the split of connections between the workers',
  'locked:nginx-2jvm': 'both run two JVMs with one lock each; nginx balances per request, the kernel per connection',
  'hello:node': 'Node\'s bare http handler does far less per request than Spring MVC on Tomcat (filter chain, handler mapping, message conversion, Micrometer\'s request metrics); the gap is framework weight, not cluster mode',
  'hello:node-cluster-2': 'Node\'s bare http handler does far less per request than Spring MVC on Tomcat (filter chain, handler mapping, message conversion, Micrometer\'s request metrics)',
  'cpu:node': 'unexpected for this route: check the load of the machine during the run',
  'cpu:node-cluster-2': 'unexpected for this route: check the load of the machine during the run',
  recovery: 'a new Node worker is one small script in a fresh V8 (tens of milliseconds); a JVM worker loads and links thousands of classes, builds the Spring context and starts Tomcat, and the master first waits the 500 ms restart backoff. The class-data archive shortens the start, it does not remove the Spring context\'s',
  'rolling-failed': 'look at the failure kinds in the table: resets while a worker leaves are what tcp_migrate_req=1 prevents',
  'rolling-p99': 'each replacement is a JVM starting on the same 2 cores (class loading, JIT compilation for seconds), which the serving workers and the client feel; a Node process starts in a fraction of that',
  'memory:jvm': 'each worker is a whole JVM with its own heap, metaspace, JIT code cache and threads, and the master is one more JVM; the class-data archive shares only the archived classes',
  'memory:node-cluster-2': 'a Node process needs a few tens of MiB; a JVM with Spring Boot and Tomcat needs several times that',
  'memory:nginx-2jvm': 'both run two application JVMs; the cluster adds the master JVM, nginx a few MiB of C',
};
for (const route of ['hello', 'cpu', 'locked']) {
  const ours = get(route, 'cluster-2');
  if (!ours) {
    continue;
  }
  for (const peer of ['jvm', 'nginx-2jvm', 'node', 'node-cluster-2']) {
    const theirs = get(route, peer);
    if (!theirs) {
      continue;
    }
    const why = WHY[`${route}:${peer}`] || 'see the notes on this scenario';
    const findings = [];
    if (ours.rps < 0.97 * theirs.rps) {
      findings.push(`${pct(1 - ours.rps / theirs.rps)} fewer requests/s (${fmt(ours.rps)} against ${fmt(theirs.rps)})`);
    }
    if (ours.p99_ms > 1.1 * theirs.p99_ms) {
      findings.push(`a p99 ${ratio(ours.p99_ms / theirs.p99_ms)} as long (${fmt(ours.p99_ms, 2)} ms against ${fmt(theirs.p99_ms, 2)} ms)`);
    }
    if (findings.length) {
      worse.push(`- ${titles[route]}, against ${label(peer)}: ${findings.join(' and ')}. Why: ${why}.`);
    }
  }
}
const nodeRecovery = recovery.find((r) => r.system === 'node-cluster-2');
recovery.filter((r) => r.system !== 'node-cluster-2' && nodeRecovery && r.median_s > nodeRecovery.median_s).forEach((r) => {
  worse.push(`- Recovery: ${label(r.system)} needs ${fmt(r.median_s, 2)} s to replace a killed worker (${isNaN(r.up_under_load_s) ? 'not within the run' : fmt(r.up_under_load_s, 1, ' s')} under load), `
    + `the Node cluster ${fmt(nodeRecovery.median_s, 2)} s (${fmt(nodeRecovery.up_under_load_s, 2, ' s')} under load). Why: ${WHY.recovery}; under load see the note on scenario 3.`);
});
const pm2 = rollingCases.find((c) => c.case === 'pm2-reload');
rollingCases.filter((c) => c.case !== 'pm2-reload' && pm2).forEach((c) => {
  if (c.failed > pm2.failed) {
    worse.push(`- Rolling restart: ${label(c.case)} failed ${fmt(c.failed)} requests, PM2 ${fmt(pm2.failed)}: ${WHY['rolling-failed']}.`);
  }
  if (c.p99_during / c.p99_before > 1.1 * (pm2.p99_during / pm2.p99_before)) {
    worse.push(`- Rolling restart: p99 rose ${ratio(c.p99_during / c.p99_before)} during the rollout with ${label(c.case)}, ${ratio(pm2.p99_during / pm2.p99_before)} with PM2: ${WHY['rolling-p99']}.`);
  }
});
for (const peer of ['jvm', 'nginx-2jvm', 'node-cluster-2']) {
  if (mem('cluster-2') && mem(peer) && mem('cluster-2').pss > 1.05 * mem(peer).pss) {
    worse.push(`- Memory: cluster, 2 workers takes ${fmt(mem('cluster-2').pss)} MiB (PSS), ${label(peer)} ${fmt(mem(peer).pss)} MiB: ${WHY[`memory:${peer}`]}.`);
  }
}
md.push('### Where cluster mode is worse than a peer, and why');
md.push('');
md.push('Listed by the report wherever cluster mode, 2 workers, does worse than a peer beyond the noise of this run (3% for requests/s, 10% for p99, 5% for memory).');
md.push('');
md.push(...(worse.length ? worse : ['- Nowhere in this run.']));
md.push('');
md.push('### How it was run');
md.push('');
md.push(`- Systems: the sample app (\`sample-app.jar\`) as one JVM (\`--cluster.enabled=false\`); in cluster mode with \`cluster.workers=2\` and \`auto\` (one per available processor: ${meta.nproc} on this machine, so the same as 2); `
  + 'two single JVMs behind nginx (`worker_processes auto`, round-robin, upstream keep-alive); `bench/node/server.js` alone and under `bench/node/cluster.js` '
  + '(the classic Node cluster tutorial: fork, restart on `exit`) with 2 workers; PM2 cluster mode with 2 instances (`bench/node/ecosystem.config.js`) for the reload. '
  + 'JVMs with the default flags of the JDK; every cluster started its replacements from the class-data archive (`cluster.worker.class-data-sharing=auto`, the default).');
md.push(`- \`/cpu\` and \`/locked\` ran ${meta.cpuIterations} rounds of SHA-256, each over the previous digest; Node uses \`crypto.hash\`, whose call from JavaScript into OpenSSL for a 32-byte input costs more than the hash itself, so Node is slower on this route for that reason.`);
md.push('- Load only on 127.0.0.1; the load generators (wrk, `bench/lib/load.js`) run on the same cores as the systems they measure.');
if (meta.notes) {
  md.push(`- ${meta.notes}.`);
}
const section = md.join('\n');

const file = args.markdown;
let text = fs.readFileSync(file, 'utf8');
const begin = '<!-- peers:begin -->';
const end = '<!-- peers:end -->';
if (text.includes(begin) && text.includes(end)) {
  text = text.slice(0, text.indexOf(begin) + begin.length) + '\n' + section + '\n' + text.slice(text.indexOf(end));
} else {
  text = text.trimEnd() + '\n\n' + begin + '\n' + section + '\n' + end + '\n';
}
fs.writeFileSync(file, text);
console.log(worse.length ? 'Where cluster mode is worse than a peer:\n' + worse.join('\n') : 'Cluster mode was not worse than a peer in this run.');
