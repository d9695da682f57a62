// Turns the raw CSV of one bench/run.sh run into summary CSV, PNG charts (gnuplot) and the
// generated part of RESULTS.md, between <!-- peers:begin --> and <!-- peers:end -->.
//
//   node report.js --results DIR --markdown FILE --plot SCRATCH-DIR [--elapsed S]
//
// When meta.json says the machine was busy (bench/lib/quiet.js at the start, BENCH_FORCE=1), every
// figure is marked: a "machine" column in every CSV of DIR, the chart titles, and RESULTS.md.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { median, sum, fmt, ratio, pct, writeSection } = require('./figures');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const dir = args.results;
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const plotDir = args.plot;
fs.mkdirSync(plotDir, { recursive: true });
const BUSY = meta.busy ? `BUSY MACHINE, load average ${meta.loadAverageAtStart} at the start: ` : '';
const MACHINE = meta.busy ? `busy: load average ${meta.loadAverageAtStart} at the start on ${meta.nproc} cores` : 'quiet';

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
  const cell = (v) => (typeof v === 'number' ? (isFinite(v) ? Number(v.toFixed(3)) : '') : v ?? '');
  fs.writeFileSync(path.join(dir, name), [keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\n') + '\n');
}
// ' (target GOAL: met)' or ' (target GOAL: missed)' for a figure against its target; just the goal for a missing figure
const target = (value, ok, goal) => ` (target ${goal}${typeof value !== 'number' || !isFinite(value) ? '' : ok(value) ? ': met' : ': **missed**'})`;

const LABELS = {
  jvm: '1 JVM',
  'cluster-2': 'cluster, 2 workers',
  'cluster-nowarm': 'cluster, no warm-up',
  'cluster-warm': 'cluster, warm-up',
  'cluster-standby': 'cluster, 1 standby',
  'cluster-cold': 'cluster, no standby',
  'node-cluster-2': 'Node cluster, 2 workers',
};
const label = (s) => LABELS[s] || s;
const titles = { hello: 'GET /', locked: `GET /locked (${meta.cpuIterations} SHA-256 rounds under one global lock)` };
const events = readCsv('events.csv');
const curve = readCsv('curve.csv');
const eventAt = (scenario, c, run, name) => {
  const e = events.find((x) => x.scenario === scenario && x.case === c && x.run === run && x.event === name);
  return e ? e.t_s : NaN;
};
const seriesOf = (scenario, c, run = 1) => curve.filter((r) => r.scenario === scenario && r.case === c && r.run === run).sort((a, b) => a.t_s - b.t_s);
// the end of the first second from which the rate stays at or above LEVEL for three seconds in a row
function reaches(rows, level, from = -Infinity) {
  const after = rows.filter((r) => r.t_s >= from);
  for (let i = 0; i < after.length; i++) {
    const run = after.slice(i, i + 3);
    if (run.every((r) => r.rps >= level)) {
      return after[i].t_s + after[i].seconds;
    }
  }
  return NaN;
}

// ------------------------------------------------------------------ B. steady state
const runs = readCsv('throughput.csv').filter((r) => r.round > 0);
const warmups = readCsv('steady-warmup.csv');
const steady = [];
for (const route of ['hello', 'locked']) {
  for (const system of ['jvm', 'cluster-2']) {
    const rows = runs.filter((r) => r.route === route && r.system === system);
    if (rows.length === 0) {
      continue;
    }
    const w = warmups.filter((x) => x.route === route && x.system === system);
    steady.push({
      route, system, rounds: rows.length, rps: median(rows.map((r) => r.rps)), p50_ms: median(rows.map((r) => r.p50_ms)),
      p99_ms: median(rows.map((r) => r.p99_ms)), errors: sum(rows.map((r) => r.errors)),
      warmup_rounds: w.length, warmup_capped: w.some((x) => x.capped === 1) ? 'yes' : 'no',
    });
  }
}
const st = (route, system) => steady.find((s) => s.route === route && s.system === system);
steady.forEach((s) => (s.rps_vs_jvm = st(s.route, 'jvm') ? s.rps / st(s.route, 'jvm').rps : NaN));
writeCsv('steady-summary.csv', steady, ['route', 'system', 'warmup_rounds', 'warmup_capped', 'rounds', 'rps', 'rps_vs_jvm', 'p50_ms', 'p99_ms', 'errors']);
const helloRatio = st('hello', 'cluster-2')?.rps_vs_jvm;
const lockedRatio = st('locked', 'cluster-2')?.rps_vs_jvm;

// ------------------------------------------------------------------ A. warm-up curves after start
const jvmSteady = st('hello', 'jvm')?.rps;
const clusterSteady = st('hello', 'cluster-2')?.rps;
const curves = ['jvm', 'cluster-nowarm', 'cluster-warm'].map((c) => {
  const rows = seriesOf('start', c);
  if (rows.length === 0) {
    return null;
  }
  const first = eventAt('start', c, 1, 'first-answer');
  const first8 = rows.filter((r) => r.t_s >= first && r.t_s < first + 8);
  const rps8 = sum(first8.map((r) => r.requests)) / Math.max(0.001, sum(first8.map((r) => r.seconds)));
  const ref = c === 'jvm' ? jvmSteady : clusterSteady;
  const t90 = reaches(rows, 0.9 * ref);
  return {
    case: c, first_answer_s: first, first_8s_rps: rps8, first_8s_vs_warm_jvm: rps8 / jvmSteady, steady_rps: ref,
    t90_s: t90, t90_after_first_answer_s: t90 - first, last_rps: rows[rows.length - 1].rps, seconds: rows.length,
  };
}).filter(Boolean);
writeCsv('warmup-summary.csv', curves, ['case', 'first_answer_s', 'first_8s_rps', 'first_8s_vs_warm_jvm', 'steady_rps', 't90_s', 't90_after_first_answer_s', 'last_rps', 'seconds']);
const cv = (c) => curves.find((x) => x.case === c);

// ------------------------------------------------------------------ D. rolling restarts
const rollouts = readCsv('rollouts.csv');
const rolling = ['cluster-nowarm', 'cluster-warm'].map((c) => {
  const rows = seriesOf('rolling', c);
  if (rows.length === 0) {
    return null;
  }
  const end = eventAt('rolling', c, 1, 'rollout-end');
  const before = rows.filter((r) => r.t_s + r.seconds <= 0.05);
  const during = rows.filter((r) => r.t_s + r.seconds > 0 && r.t_s < end);
  const pre = median(before.map((r) => r.rps));
  const back = reaches(rows, 0.9 * pre, end - 0.05);
  const r = rollouts.find((x) => x.case === c) || {};
  return {
    case: c, state: r.state || 'n/a', rollout_s: typeof r.rollout_s === 'number' ? r.rollout_s : NaN, rollout_end_s: end,
    rps_before: pre, lowest_rps_during: during.length ? Math.min(...during.map((x) => x.rps)) : NaN,
    failed_during: sum(during.map((x) => x.errors + x.non2xx)), failed_total: sum(rows.map((x) => x.errors + x.non2xx)),
    requests_total: sum(rows.map((x) => x.requests)), back_to_90pct_after_end_s: back - end,
  };
}).filter(Boolean);
writeCsv('rolling-summary.csv', rolling, ['case', 'state', 'rollout_s', 'rollout_end_s', 'rps_before', 'lowest_rps_during', 'failed_during', 'failed_total', 'requests_total', 'back_to_90pct_after_end_s']);

// ------------------------------------------------------------------ E. kill -9
const kills = readCsv('recovery.csv');
const recovery = [];
for (const system of ['cluster-standby', 'cluster-cold', 'node-cluster-2']) {
  for (const condition of ['idle', 'load']) {
    const rows = kills.filter((k) => k.system === system && k.condition === condition);
    if (rows.length === 0) {
      continue;
    }
    const timed = rows.filter((k) => typeof k.seconds === 'number');
    const perRun = condition === 'load' ? rows.map((k) => {
      const run = k.kill; // one kill per series run, numbered alike
      const s = seriesOf('kill', system, run);
      const killed = eventAt('kill', system, run, 'kill');
      const pre = median(s.filter((r) => r.t_s + r.seconds <= killed + 0.05).map((r) => r.rps));
      const up = eventAt('kill', system, run, 'up');
      const firstAfter = s.find((r) => r.t_s >= up);
      return { failed: sum(s.map((r) => r.errors + r.non2xx)), firstSecond: firstAfter ? firstAfter.rps / pre : NaN };
    }) : [];
    recovery.push({
      system, condition, kills: rows.length, not_served_in_time: rows.length - timed.length,
      median_s: median(timed.map((k) => k.seconds)), min_s: Math.min(...timed.map((k) => k.seconds)), max_s: Math.max(...timed.map((k) => k.seconds)),
      polled_median_s: median(timed.filter((k) => typeof k.polled_seconds === 'number').map((k) => k.polled_seconds)),
      promoted: rows.filter((k) => k.promoted === 'true').length, from_archive: rows.filter((k) => k.class_data_sharing === 'true').length,
      failed_per_kill_median: condition === 'load' ? median(perRun.map((r) => r.failed)) : NaN,
      failed_total: condition === 'load' ? sum(perRun.map((r) => r.failed)) : NaN,
      first_second_after_vs_before: condition === 'load' ? median(perRun.map((r) => r.firstSecond)) : NaN,
    });
  }
}
const rec = (system, condition) => recovery.find((r) => r.system === system && r.condition === condition);
writeCsv('recovery-summary.csv', recovery, ['system', 'condition', 'kills', 'not_served_in_time', 'median_s', 'min_s', 'max_s', 'polled_median_s', 'promoted', 'from_archive',
  'failed_per_kill_median', 'failed_total', 'first_second_after_vs_before']);
const coldRatio = rec('cluster-cold', 'load') && rec('cluster-cold', 'idle') ? rec('cluster-cold', 'load').median_s / rec('cluster-cold', 'idle').median_s : NaN;

// ------------------------------------------------------------------ C. memory
const memory = readCsv('memory.csv');
const memoryTotals = ['jvm', 'cluster-2', 'node-cluster-2'].map((system) => {
  const rows = memory.filter((m) => m.system === system);
  return { system, processes: rows.length, rss: sum(rows.map((r) => r.rss_mib)), pss: sum(rows.map((r) => r.pss_mib)) };
}).filter((m) => m.processes > 0);
const pssOf = (system, role) => median(memory.filter((m) => m.system === system && m.role === role).map((m) => m.pss_mib));
const mem = (system) => memoryTotals.find((m) => m.system === system);

// ------------------------------------------------------------------ charts
const png = (name) => path.join(dir, name);
const tsv = (name, lines) => {
  fs.writeFileSync(path.join(plotDir, name), lines.join('\n') + '\n');
  return path.join(plotDir, name);
};
const colors = { jvm: '#1d3f6e', 'cluster-nowarm': '#c0392b', 'cluster-warm': '#27ae60', 'cluster-standby': '#27ae60', 'cluster-cold': '#c0392b', 'node-cluster-2': '#8e44ad' };
const gp = [];
gp.push(`set terminal pngcairo size 1200,460 font "sans,9" noenhanced`);
gp.push(`set datafile separator "\\t"`);
gp.push(`set style fill solid 0.85 border -1`);
gp.push(`set grid ytics lc rgb "#dddddd"`);
gp.push(`set key noautotitle`);

const routes = ['hello', 'locked'].filter((route) => steady.some((s) => s.route === route));
if (routes.length) {
  gp.push(`set output "${png('throughput.png')}"`);
  gp.push(`set multiplot layout 1,${routes.length} title "${BUSY}Steady state: requests/s, median of ${meta.durations.rounds} interleaved ${meta.durations.roundS} s rounds after warm-up (${meta.connections} connections, ${meta.nproc} cores; labels: × one JVM)"`);
  routes.forEach((route) => {
    const file = tsv(`tp-${route}.tsv`, steady.filter((s) => s.route === route).map((s) => `${label(s.system)}\t${s.rps.toFixed(1)}\t${ratio(s.rps_vs_jvm)}`));
    gp.push(`set title "${titles[route]}"`, `set boxwidth 0.6`, `set yrange [0:*]`, `set offsets 0.3,0.3,graph 0.12,0`);
    gp.push(`plot "${file}" using 0:2:xtic(1) with boxes lc rgb "#4a7ab5", "" using 0:2:3 with labels offset 0,0.7 font "sans,9"`);
  });
  gp.push(`unset multiplot`, `set offsets 0,0,0,0`);
}

const rollingCharted = rolling.filter((r) => seriesOf('rolling', r.case).length);
if (curves.length || rollingCharted.length) {
  gp.push(`set terminal pngcairo size 1200,900 font "sans,9" noenhanced`);
  gp.push(`set output "${png('warmup.png')}"`);
  gp.push(`set multiplot layout 3,1 title "${BUSY}Warm-up: requests/s second by second (wrk -c${meta.connections}, a fresh one-second run each second)"`);
  gp.push(`set style data lines`, `set key bottom right opaque`, `set yrange [0:*]`, `set xtics norotate`);
  const refs = [];
  if (isFinite(jvmSteady)) refs.push([jvmSteady, colors.jvm, 'one JVM']);
  if (isFinite(clusterSteady)) refs.push([clusterSteady, '#555555', 'cluster']);
  refs.forEach(([y, color], i) => gp.push(`set arrow ${i + 1} from graph 0, first ${y.toFixed(0)} to graph 1, first ${y.toFixed(0)} nohead dt 2 lc rgb "${color}"`));
  gp.push(`set title "after the start (t = 0 at the launch; dashed: steady state of ${refs.map((r) => r[2]).join(' and ') || 'n/a'})"`);
  // the y range holds the curves and the steady-state lines
  const top = Math.max(1, ...refs.map((r) => r[0]), ...curves.flatMap((c) => seriesOf('start', c.case).map((r) => r.rps))) * 1.1;
  gp.push(`set xlabel "seconds since the launch"`, `set ylabel "req/s"`, `set xrange [0:${meta.durations.curveS}]`, `set yrange [0:${top.toFixed(0)}]`);
  if (curves.length) {
    gp.push(`plot ${curves.map((c) => `"${tsv(`start-${c.case}.tsv`, seriesOf('start', c.case).map((r) => `${r.t_s}\t${r.rps}`))}" using 1:2 lw 2 lc rgb "${colors[c.case]}" `
      + `title "${label(c.case)}: 90 % of steady state ${isFinite(c.t90_s) ? `at ${c.t90_s.toFixed(0)} s` : 'not reached'}"`).join(', ')}`);
  } else {
    gp.push(`plot 0 lc rgb "#ffffff" title "no data"`);
  }
  gp.push(`unset arrow`, `set xrange [*:*]`, `set yrange [0:*]`);
  rollingCharted.forEach((r, i) => gp.push(`set arrow ${i + 1} from ${r.rollout_end_s.toFixed(2)},graph 0 to ${r.rollout_end_s.toFixed(2)},graph 1 nohead dt 2 lc rgb "${colors[r.case]}"`));
  gp.push(`set title "rolling restart of 2 workers under that load (t = 0 at the request; dashed: the rollout's end${meta.tcpMigrateReq !== 'none' ? `; tcp_migrate_req=${meta.tcpMigrateReq}` : ''}; one JVM has no rolling restart: a restart is its start, above)"`);
  gp.push(`set xlabel "seconds since the restart request"`);
  if (rollingCharted.length) {
    gp.push(`plot ${rollingCharted.map((r) => `"${tsv(`roll-${r.case}.tsv`, seriesOf('rolling', r.case).map((x) => `${x.t_s}\t${x.rps}\t${x.errors + x.non2xx}`))}" using 1:2 lw 2 lc rgb "${colors[r.case]}" `
      + `title "${label(r.case)}: rollout ${fmt(r.rollout_s, 1, ' s')}, back to 90 % ${isFinite(r.back_to_90pct_after_end_s) ? `${r.back_to_90pct_after_end_s.toFixed(0)} s after its end` : 'not within the run'}"`).join(', ')}`);
    gp.push(`set title "failed requests per second during the rolling restart (errors and non-2xx)"`, `set ylabel "failed"`);
    gp.push(`plot ${rollingCharted.map((r) => `"${path.join(plotDir, `roll-${r.case}.tsv`)}" using 1:3 with impulses lw 3 lc rgb "${colors[r.case]}" title "${label(r.case)}: ${fmt(r.failed_total)} failed"`).join(', ')}`);
  } else {
    gp.push(`plot 0 lc rgb "#ffffff" title "no data"`, `plot 0 lc rgb "#ffffff" title "no data"`);
  }
  gp.push(`unset multiplot`, `unset arrow`, `set terminal pngcairo size 1200,460 font "sans,9" noenhanced`);
}

const killCharted = ['cluster-standby', 'cluster-cold', 'node-cluster-2'].filter((s) => seriesOf('kill', s, 1).length);
if (killCharted.length) {
  gp.push(`set output "${png('recovery.png')}"`);
  gp.push(`set title "${BUSY}kill -9 of one of 2 workers under wrk -c${meta.connections} on GET / (first kill of each; 100 % = before the kill; dashed: that slot serves again)"`);
  gp.push(`set style data lines`, `set xlabel "seconds since kill -9"`, `set ylabel "requests/s, % of before"`, `set yrange [0:*<200]`, `set key top right`);
  const lines = killCharted.map((s, i) => {
    // seconds since the kill itself (the series counts from when it was planned)
    const killed = eventAt('kill', s, 1, 'kill') || 0;
    const rows = seriesOf('kill', s, 1).map((r) => ({ ...r, t_s: r.t_s - killed }));
    const pre = median(rows.filter((r) => r.t_s + r.seconds <= 0.05).map((r) => r.rps));
    const up = eventAt('kill', s, 1, 'up') - killed;
    if (isFinite(up)) {
      gp.push(`set arrow ${i + 1} from ${up.toFixed(3)},graph 0 to ${up.toFixed(3)},graph 1 nohead dt 2 lc rgb "${colors[s]}"`);
    }
    return `"${tsv(`kill-${s}.tsv`, rows.map((r) => `${r.t_s}\t${((100 * r.rps) / pre).toFixed(1)}`))}" using 1:2 lw 2 lc rgb "${colors[s]}" title "${label(s)}: serving again after ${isFinite(up) ? up.toFixed(2) + ' s' : 'n/a'}"`;
  });
  gp.push(`plot ${lines.join(', ')}`, `unset arrow`);
}

if (memory.length) {
  const file = tsv('memory.tsv', ['process\tRSS\tPSS', ...memory.map((m) => `${label(m.system)}: ${m.role}\t${m.rss_mib}\t${m.pss_mib}`)]);
  gp.push(`set output "${png('memory.png')}"`);
  gp.push(`set title "${BUSY}Memory of each process after the steady state (MiB; PSS counts a page shared by k processes as 1/k)"`);
  gp.push(`set xlabel ""`, `set ylabel "MiB"`, `set yrange [0:*]`, `set xtics rotate by -30 nomirror`, `set style data histogram`, `set style histogram clustered gap 1`,
    `set boxwidth 0.9`, `set key top right autotitle columnheader`);
  gp.push(`plot "${file}" using 2:xtic(1) lc rgb "#8fb3de", "" using 3 lc rgb "#1d3f6e"`);
}
fs.writeFileSync(path.join(plotDir, 'charts.gp'), gp.join('\n') + '\n');
execFileSync('gnuplot', [path.join(plotDir, 'charts.gp')], { stdio: 'inherit' });

// ------------------------------------------------------------------ every CSV says what machine it came from
// (not the steering scenarios', which bench/lib/steering-report.js marks from their own runs, nor
// measurements by hand)
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.csv') && !n.startsWith('steering-') && !n.includes('-by-hand'))) {
  const file = path.join(dir, name);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  if (lines[0].split(',').includes('machine')) {
    continue;
  }
  fs.writeFileSync(file, [lines[0] + ',machine', ...lines.slice(1).filter(Boolean).map((l) => `${l},${MACHINE}`)].join('\n') + '\n');
}

// ------------------------------------------------------------------ markdown
const md = [];
const busyJvms = (meta.quietCheck.busyJvms || []).map((j) => `java ${j.pid} at ${j.cpuPercent} % of a core`).join(', ');
const busyLine = meta.busy ? `> **Busy machine**: every figure below was ${meta.busy}: ${meta.quietCheck.loadPerCore} per core`
  + `${busyJvms ? `; other JVMs busy: ${busyJvms}` : ''}; measured anyway (\`${meta.command}\`). They are not quiet-machine results.` : null;
const mark = meta.busy ? ' *(busy machine)*' : '';
md.push('## Against one JVM and the Node cluster');
md.push('');
md.push(`Generated by \`${meta.command}\` (do not edit between the markers; the run rewrites it). ${meta.date.replace('T', ' ').replace('Z', ' UTC')}, commit ${meta.gitCommit}`
  + `${args.elapsed ? `, ${Math.round((args.elapsed / 60) * 10) / 10} minutes` : ''}.`);
md.push('');
md.push(`Machine: ${meta.nproc} cores (${meta.cpu}), ${(meta.memTotalKiB / 1024 / 1024).toFixed(0)} GiB, ${meta.kernel}; load average ${meta.loadAverageAtStart} at the start, `
  + `${meta.loadAverageAtEnd || 'n/a'} at the end (1, 5, 15 minutes). ${meta.java17}; Node ${meta.node}, wrk ${meta.wrk}. `
  + `Every JVM with \`${meta.jvmHeap}\`. The jar: standby workers ${meta.features.standby ? 'supported' : '**not supported** (those scenarios skipped)'}, `
  + `warm-up ${meta.features.warmUp ? `supported (off with \`${meta.features.warmUpOffArgs}\`)` : '**not supported** (those curves skipped)'}.`);
if (busyLine) {
  md.push('', busyLine);
}
if (meta.quick) {
  md.push('', '> **Quick mode**: tiny durations to check the pipeline. These figures are not results.');
}
md.push('');
md.push('### Headline');
md.push('');
const head = [];
if (st('hello', 'cluster-2')) {
  head.push(`- **Steady state, ${titles.hello}**: cluster of 2 ${fmt(st('hello', 'cluster-2').rps)} req/s against ${fmt(st('hello', 'jvm')?.rps)} for one JVM: **${ratio(helloRatio)}**${target(helloRatio, (x) => x >= 0.95, '≥ 0.95')}.`);
}
if (st('locked', 'cluster-2')) {
  head.push(`- **Steady state, serialized handler** (\`/locked\`): ${fmt(st('locked', 'cluster-2').rps)} against ${fmt(st('locked', 'jvm')?.rps)} req/s: **${ratio(lockedRatio)}**${target(lockedRatio, (x) => x >= 1.8, '≥ 1.8')}.`);
}
if (curves.length) {
  head.push(`- **Time to 90 % of the steady state after the start** (from the launch): ${curves.map((c) => `${label(c.case)} ${isFinite(c.t90_s) ? fmt(c.t90_s, 0, ' s') : `not within ${meta.durations.curveS} s`}`).join('; ')}.`);
  const clusters = curves.filter((c) => c.case !== 'jvm');
  if (clusters.length) {
    head.push(`- **First 8 s of a freshly started cluster** (from its first answer) against one warm JVM: ${clusters.map((c) => `${label(c.case)} **${ratio(c.first_8s_vs_warm_jvm)}**${target(c.first_8s_vs_warm_jvm, (x) => x >= 0.8, '≥ 0.8×')}`).join('; ')}.`);
  }
}
rolling.forEach((r) => head.push(`- **Rolling restart of 2 workers under saturating load** (${label(r.case)}, tcp_migrate_req=${meta.tcpMigrateReq}): `
  + `${r.state === 'COMPLETED' ? 'completed in' : r.state === 'TIMEOUT' ? 'not ended within' : `${r.state.toLowerCase()} after`} `
  + `**${r.state === 'TIMEOUT' ? `${meta.durations.rollTimeoutS ?? 150} s` : fmt(r.rollout_s, 1, ' s')}**${target(r.state === 'COMPLETED' ? r.rollout_s : NaN, (x) => x <= 30, '≤ 30 s')}, `
  + `**${fmt(r.failed_total)} failed** requests${target(r.failed_total, (x) => x === 0, '0')}; back at ≥ 90 % of the throughput before `
  + `${isFinite(r.back_to_90pct_after_end_s) ? `**${fmt(r.back_to_90pct_after_end_s, 0, ' s')}** after the rollout's end` : '**not within the run**'}`
  + `${r.case === 'cluster-warm' ? target(r.back_to_90pct_after_end_s, (x) => x <= 10, '≤ 10 s with warm-up') : ''}.`));
const killLine = (system, condition, goal) => {
  const r = rec(system, condition);
  return r ? `${condition} **${fmt(r.median_s, 2, ' s')}**${goal === undefined ? '' : target(r.median_s, (x) => x <= goal, `≤ ${goal.toFixed(2)} s`)}` : null;
};
const measured = (system) => rec(system, 'idle') || rec(system, 'load');
if (measured('cluster-standby') || measured('cluster-cold') || measured('node-cluster-2')) {
  const parts = [];
  if (measured('cluster-standby')) parts.push(`with one standby ${[killLine('cluster-standby', 'idle', 0.1), killLine('cluster-standby', 'load', 0.3)].filter(Boolean).join(', ')}`);
  if (measured('cluster-cold')) parts.push(`without standby ${[killLine('cluster-cold', 'idle'), killLine('cluster-cold', 'load')].filter(Boolean).join(', ')} (under load ${ratio(coldRatio)} the idle start${target(coldRatio, (x) => x <= 2, '≤ 2×')})`);
  if (measured('node-cluster-2')) parts.push(`Node cluster ${[killLine('node-cluster-2', 'idle'), killLine('node-cluster-2', 'load')].filter(Boolean).join(', ')}`);
  head.push(`- **kill -9 of a worker → a process serving in that slot again** (median): ${parts.join('; ')}.`);
  const failed = ['cluster-standby', 'cluster-cold', 'node-cluster-2'].map((s) => rec(s, 'load')).filter(Boolean);
  if (failed.length) {
    head.push(`- **Failed requests around a kill under load** (median per kill): ${failed.map((r) => `${label(r.system)} ${fmt(r.failed_per_kill_median)}`).join('; ')}.`);
  }
}
if (mem('cluster-2')) {
  const standby = pssOf('cluster-2', 'standby');
  head.push(`- **Memory (PSS)**: master ${fmt(pssOf('cluster-2', 'master'), 0, ' MiB')}, worker ${fmt(pssOf('cluster-2', 'worker'), 0, ' MiB')}${isFinite(standby) ? `, standby ${fmt(standby, 0, ' MiB')}` : ''}; `
    + `the cluster ${fmt(mem('cluster-2').pss, 0, ' MiB')} in all against ${fmt(mem('jvm')?.pss, 0, ' MiB')} for one JVM${mem('node-cluster-2') ? ` and ${fmt(mem('node-cluster-2').pss, 0, ' MiB')} for the Node cluster` : ''}.`);
}
md.push(...head.map((h) => h + mark));
md.push('');
md.push('![Steady state](results/throughput.png)');
md.push('');
md.push('![Warm-up curves](results/warmup.png)');
md.push('');
md.push('Charts: [steady state](results/throughput.png), [warm-up curves and rolling restarts](results/warmup.png), [kill -9 under load](results/recovery.png), '
  + '[memory](results/memory.png). Raw data: [results/](results/) (`throughput.csv` every measured wrk round, `steady-warmup.csv` every warm-up round, '
  + '`curve.csv` every one-second run, `events.csv` launches, kills and rollouts on the same clocks, `recovery.csv` every kill, `load.csv` the load average at each scenario).');
md.push('');
const tableNote = () => (meta.busy ? [`*Taken on a busy machine: load average ${meta.loadAverageAtStart} at the start on ${meta.nproc} cores.*`, ''] : []);

md.push('### 1. Steady state');
md.push('');
md.push(`wrk, ${meta.wrkThreads} threads, ${meta.connections} keep-alive connections, ${meta.durations.roundS} s rounds. Each system is first warmed alone, round after round, `
  + `until, after ${meta.durations.steadyMinS} s of traffic (the JIT plateaus on the way, with rounds that agree), two rounds in a row differ by less than ${meta.stablePercent} % (at most ${meta.durations.steadyCapS} s; "capped" when that limit ended it), then `
  + `${meta.durations.rounds} rounds interleave the systems, their order rotated each round: the figure is the median of those. Both systems had already served `
  + `the ${meta.durations.curveS} s warm-up curve below. The cluster is the sample as configured${meta.features.standby ? ' (with its standby)' : ''}.`);
md.push('');
md.push(...tableNote());
md.push('| route | system | warm-up rounds | capped | requests/s | × 1 JVM | p50 ms | p99 ms | errors |');
md.push('| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
steady.forEach((s) => md.push(`| ${titles[s.route].split(' (')[0]} | ${label(s.system)} | ${s.warmup_rounds} | ${s.warmup_capped} | ${fmt(s.rps)} | ${ratio(s.rps_vs_jvm)} | ${fmt(s.p50_ms, 2)} | ${fmt(s.p99_ms, 2)} | ${s.errors} |`));
md.push('');
md.push('### 2. Warm-up curves');
md.push('');
md.push(`Each system launched alone (the others idle), a one-second wrk run (${meta.connections} connections, fresh each second) after another from its first answer on the port `
  + `until ${meta.durations.curveS} s after the launch. "90 %" is the end of the first second from which three seconds in a row reach 90 % of that system's steady state `
  + `(the cluster's curves against the cluster's). "First 8 s" is the requests/s of the first 8 s from the first answer, against one JVM's steady state. `
  + `A cluster without warm-up is the same sample with \`${meta.features.warmUpOffArgs}\`.`);
md.push('');
md.push(...tableNote());
md.push('| system | first answer | first 8 s, req/s | × warm JVM | steady state | 90 % reached | last second, req/s |');
md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
curves.forEach((c) => md.push(`| ${label(c.case)} | ${fmt(c.first_answer_s, 1, ' s')} | ${fmt(c.first_8s_rps)} | ${ratio(c.first_8s_vs_warm_jvm)} | ${fmt(c.steady_rps)} | `
  + `${isFinite(c.t90_s) ? fmt(c.t90_s, 0, ' s') : 'not reached'} | ${fmt(c.last_rps)} |`));
md.push('');
md.push('### 3. Rolling restart under saturating load');
md.push('');
md.push(`SIGUSR1 (a rolling restart, like SIGHUP) to the master under the same one-second wrk runs on \`GET /\` (${meta.connections} connections), from ${meta.durations.rollPreS} s before until `
  + `${meta.durations.rollPostS} s after the rollout's end (at least ${meta.durations.rollMinS} s after the request); tcp_migrate_req=${meta.tcpMigrateReq}`
  + `${meta.tcpMigrateReqOriginal !== 'none' ? ` (restored to ${meta.tcpMigrateReqOriginal} afterwards)` : ''}. Failed: wrk's connect, read, write and timeout errors and answers ≥ 400. `
  + 'The cluster without warm-up is restarted right after its start curve, the one with warm-up after the steady state.');
md.push('');
md.push(...tableNote());
md.push('| cluster | rollout | duration | req/s before | lowest second during | failed during | failed in all | back to 90 % after the end |');
md.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
rolling.forEach((r) => md.push(`| ${label(r.case)} | ${r.state} | ${fmt(r.rollout_s, 1, ' s')} | ${fmt(r.rps_before)} | ${fmt(r.lowest_rps_during)} | ${fmt(r.failed_during)} | **${fmt(r.failed_total)}** | `
  + `${isFinite(r.back_to_90pct_after_end_s) ? fmt(r.back_to_90pct_after_end_s, 0, ' s') : 'not within the run'} |`));
md.push('');
md.push('### 4. kill -9 of a worker');
md.push('');
md.push('Time from `kill -9` until a process serves in that slot again, each on its own clock of that moment: for the cluster, the new process\'s `readyAt` in `/actuator/cluster` '
  + '(when the master got its report that it serves the shared port; a promoted standby reports it right after joining the port\'s group); for Node, the new worker logs that it listens. '
  + '"Seen by a poll" is when `/actuator/cluster`, polled every 20 ms on a fresh connection through the shared port, first showed the new pid `UP`: the poll\'s own connection waits behind the load. '
  + `${meta.durations.killsIdle} kills per case idle and ${meta.durations.killsLoad} under load (${meta.durations.killsLoadCold} under load without standby, each up to a minute), slots alternating, \`cluster.restart.stable-after=1s\`. Under load: wrk -c${meta.connections} on \`GET /\` `
  + `in one-second runs from ${meta.durations.loadPreS} s before the kill until ${meta.durations.loadPostS} s after; between kills the load stops until the cluster is whole again (with a standby, until a new standby is ready). `
  + `"With one standby" is the sample with \`${meta.features.standbyArgs}\`; "without standby" has none and no warm-up, so it times the JVM's start itself. `
  + '"Failed" are wrk\'s errors in the kill\'s runs (the requests in flight on the killed worker, and any refused); "first second after" is the cluster\'s requests/s in the first one-second run after the slot serves again, against before the kill.');
md.push('');
md.push(...tableNote());
md.push('| system | condition | kills | serving again, median | min to max | seen by a poll, median | promoted standbys | failed per kill, median | first second after |');
md.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
recovery.forEach((r) => md.push(`| ${label(r.system)} | ${r.condition} | ${r.kills}${r.not_served_in_time ? ` (${r.not_served_in_time} not in time)` : ''} | ${fmt(r.median_s, 2, ' s')} | `
  + `${fmt(r.min_s, 2)} to ${fmt(r.max_s, 2, ' s')} | ${r.system.startsWith('cluster') ? fmt(r.polled_median_s, 2, ' s') : 'n/a'} | ${r.system === 'cluster-standby' ? r.promoted : 'n/a'} | ${fmt(r.failed_per_kill_median)} | ${pct(r.first_second_after_vs_before)} |`));
md.push('');
md.push('![kill -9 under load](results/recovery.png)');
md.push('');
md.push('### 5. Memory');
md.push('');
md.push('RSS and PSS from `/proc/<pid>/smaps_rollup` after the steady state; the Node cluster after 3 s of light load. PSS counts a page shared by k processes as 1/k in each, so a system\'s PSS sum is what it costs the machine.');
md.push('');
md.push(...tableNote());
md.push('| system | process | pid | RSS MiB | PSS MiB |');
md.push('| --- | --- | ---: | ---: | ---: |');
memory.forEach((m) => md.push(`| ${label(m.system)} | ${m.role} | ${m.pid} | ${fmt(m.rss_mib)} | ${fmt(m.pss_mib)} |`));
memoryTotals.forEach((m) => md.push(`| ${label(m.system)} | all ${m.processes} | | ${fmt(m.rss)} | ${fmt(m.pss)} |`));
md.push('');
md.push('![Memory](results/memory.png)');
md.push('');
md.push('### Notes of this run');
md.push('');
md.push(...((meta.notes || []).length ? meta.notes.map((n) => `- ${n}.`) : ['- None: every scenario ran in full.']));
md.push('- Load only on 127.0.0.1; wrk runs on the same cores as the systems it measures.');
const section = md.join('\n');

writeSection(args.markdown, 'peers', section);
console.log(head.join('\n'));
