// Turns the CSV of the steering scenarios of bench/run.sh (bench/lib/steering.sh) into the
// generated part of RESULTS.md between <!-- steering:begin --> and <!-- steering:end -->, with the
// targets of issue 20 met or missed. Each scenario may come from another run: steering-meta.csv
// says when each ran, on which commit and how loaded the machine was, and every figure of a
// scenario taken on a busy machine or in a quick run is marked. Adds a "machine" column to each
// scenario's CSV that lacks one.
//
//   node steering-report.js --results DIR --markdown FILE
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { median, sum, fmt, ratio, writeSection } = require('./figures');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const dir = args.results;

// ------------------------------------------------------------------ helpers
function parseLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (ch === '"') {
        quoted = false;
      }
      else {
        cell += ch;
      }
    }
    else if (ch === '"') {
      quoted = true;
    }
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    }
    else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}
function readCsv(name) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    return null;
  }
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const keys = parseLine(header);
  return lines.filter(Boolean).map((line) => {
    const values = parseLine(line);
    return Object.fromEntries(keys.map((k, i) => [k, values[i] === undefined || values[i] === '' || isNaN(Number(values[i])) ? values[i] ?? '' : Number(values[i])]));
  });
}
const num = (x) => typeof x === 'number' && isFinite(x);
const list = (rows, f) => rows.map(f).join(' / ');
const target = (ok, goal) => ` (target ${goal}${ok === null ? '' : ok ? ': met' : ': **missed**'})`;
const all = (rows, test) => (rows.length ? rows.every(test) : null);

const LABELS = {
  off: 'cluster, kernel hash (steering `off`)',
  load: 'cluster, steering `load`',
  least: 'cluster, steering `least`',
  node: 'Node.js cluster',
  gunicorn: 'Gunicorn, 2 sync workers',
  nginx: 'nginx `least_conn`, 2 single JVMs',
};
const label = (s) => LABELS[s] || s;
const ORDER = ['off', 'load', 'least', 'node', 'gunicorn', 'nginx'];
const bySystem = (rows) => ORDER.map((s) => [s, rows.filter((r) => r.system === s)]).filter(([, r]) => r.length);

const meta = Object.fromEntries((readCsv('steering-meta.csv') || []).map((m) => [m.scenario, m]));
const machineOf = (scenario) => {
  const m = meta[scenario];
  return !m ? 'unknown' : m.machine === 'busy' ? `busy: load average ${m.load_at_start} at the start on ${m.nproc} cores` : 'quiet';
};
// the knobs a scenario ran with (bench/run.sh), the full run's defaults where its row has none
const DEFAULTS = { PAUSE_ROUNDS: 2, PAUSE_WARM_S: 30, BLOCK_WARM_S: 6, PAUSE_BEFORE_S: 8, PAUSE_S: 8, PAUSE_AFTER_S: 4, PAUSE_CLIENTS: 16, BLOCK_THREADS: 16,
  MIX_WARM_S: 20, MIX_S: 15, MIX_LONG: 400000, MIX_SHORT: 2000, COST_ROUND_S: 5, COST_NEW_CLIENTS: 16, LEAVE_CLIENTS: 16, CONNECTIONS: 64, STABLE_PCT: 5 };
const knobs = (scenario) => ({ ...DEFAULTS, ...Object.fromEntries(String((meta[scenario] || {}).settings || '').split(';').filter((kv) => kv.includes('=') && !kv.endsWith('='))
  .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) });
const quick = (m) => String(m.command).includes('BENCH_QUICK=1');
// how, when and where a scenario ran, and its marks
function runLines(scenario) {
  const m = meta[scenario];
  if (!m) {
    return ['*Not run yet: `bench/run.sh ' + scenario + '`.*', ''];
  }
  const lines = [`Run: \`${m.command}\`, ${String(m.started_utc).replace('T', ' ').replace('Z', ' UTC')}, commit ${m.commit}, ${fmt(m.elapsed_s / 60, 1)} minutes, `
    + `on ${m.nproc} cores${m.cpu ? ` (${m.cpu})` : ''}${m.kernel ? `, ${m.kernel}` : ''}, \`${knobs(scenario).JVM_HEAP || '-Xmx512m'}\`; `
    + `\`uptime\` at the start: \`${String(m.uptime_at_start).trim()}\`; load average at the end ${m.load_at_end}.`, ''];
  if (m.machine === 'busy') {
    lines.push(`> **Busy machine** (load average ${m.load_at_start} at the start on ${m.nproc} cores): these figures are not quiet-machine results.`, '');
  }
  if (quick(m)) {
    lines.push('> **Quick mode**: tiny durations to check the pipeline. These figures are not results.', '');
  }
  if (m.notes) {
    lines.push(`Notes: ${m.notes}.`, '');
  }
  return lines;
}
const markOf = (scenario) => (meta[scenario] && (meta[scenario].machine === 'busy' || quick(meta[scenario])) ? ' *(busy machine or quick run)*' : '');

// ------------------------------------------------------------------ every CSV says what machine it came from
for (const scenario of ['pause', 'blocked', 'mixed', 'cost', 'exclusion', 'leaving']) {
  const file = path.join(dir, `steering-${scenario}.csv`);
  if (!fs.existsSync(file)) {
    continue;
  }
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  if (parseLine(lines[0]).includes('machine')) {
    continue;
  }
  const machine = machineOf(scenario === 'exclusion' ? 'cost' : scenario);
  fs.writeFileSync(file, [lines[0] + ',machine', ...lines.slice(1).filter(Boolean).map((l) => `${l},"${machine}"`)].join('\n') + '\n');
}

// ------------------------------------------------------------------ the data
const pause = readCsv('steering-pause.csv');
const blocked = readCsv('steering-blocked.csv');
const mixed = readCsv('steering-mixed.csv');
const cost = readCsv('steering-cost.csv');
const exclusion = readCsv('steering-exclusion.csv');
const leaving = readCsv('steering-leaving.csv');

const md = [];
const head = [];
const intro = ('Generated by `bench/run.sh steering` or one of its scenarios (`pause`, `blocked`, `mixed`, `cost`, `leaving`; do not edit between the markers, '
  + 'a run rewrites the tables of the scenarios it ran). Each scenario says below when it ran and how loaded the machine was. '
  + 'Every cluster is the sample with 2 workers, no standby and no warm-up, `cluster.steering.mode=off` (the kernel\'s `SO_REUSEPORT` hash), `load` or `least`. '
  + 'Load only on 127.0.0.1, the clients on the same cores as the servers.');

// ------------------------------------------------------------------ pause and blocked
function pauseSection(rows, scenario, title, what, k) {
  md.push(`### ${title}`);
  md.push('');
  md.push(what);
  md.push('');
  md.push(...runLines(scenario));
  if (!rows) {
    return;
  }
  const park = scenario === 'blocked';
  md.push(`| system | round | req/s in the ${k.PAUSE_BEFORE_S} s before | req/s during | ratio | failed (most per client) | req/s after | what failed requests met${park ? ' | threads parked to the end | all held after' : ''} |`);
  md.push(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |${park ? ' ---: | ---: |' : ''}`);
  for (const [system, rs] of bySystem(rows)) {
    rs.forEach((r) => md.push(`| ${label(system)} | ${r.round} | ${fmt(r.before_rps)} | ${fmt(r.pause_rps)} | ${ratio(r.pause_ratio)} | ${fmt(r.failed)} (${fmt(r.max_failed_per_client)}) | `
      + `${fmt(r.after_rps)} | ${String(r.failure_kinds || '').replace(/;/g, ', ') || 'none'}${park ? ` | ${r.parked} of ${r.park_threads}${r.park_answers ? ` (parks also answered ${String(r.park_answers).replace(/;/g, ', ')})` : ''} | ${r.fill_ms === '' ? 'never' : fmt(r.fill_ms, 0, ' ms')}` : ''} |`));
  }
  md.push('');
  const steered = rows.filter((r) => r.system === 'load');
  if (steered.length) {
    const ok = all(steered, (r) => r.pause_ratio >= 0.5);
    const okFailed = all(steered, (r) => r.max_failed_per_client <= 1);
    const others = bySystem(rows).filter(([s]) => s !== 'load')
      .map(([s, rs]) => `${label(s)} ${list(rs, (r) => ratio(r.pause_ratio))}, at most ${list(rs, (r) => fmt(r.max_failed_per_client))} per client`);
    head.push(`- **${title}**${markOf(scenario)}, steering \`load\`: **${list(steered, (r) => ratio(r.pause_ratio))}** of the requests/s before${target(ok, '≥ 0.5×')}, `
      + `at most **${list(steered, (r) => fmt(r.max_failed_per_client))}** failed per client${target(okFailed, '≤ 1')}; ${others.join('; ')}.`);
  }
}
let k = knobs('pause');
pauseSection(pause, 'pause', 'Paused worker',
  `One of 2 workers \`SIGSTOP\`ped for ${k.PAUSE_S} s under ${k.PAUSE_CLIENTS} clients that each open a new connection per request, wait at most 2 s for the answer and move on after a failure `
  + `(\`bench/lib/pause.js\`), after ${k.PAUSE_WARM_S} s of load; each system started for its round, the systems interleaved, their order rotated each round. `
  + `The ratio is the requests/s during the pause against the ${k.PAUSE_BEFORE_S} s before; failed requests are counted from the ${k.PAUSE_BEFORE_S} s before until ${k.PAUSE_AFTER_S} s after. `
  + `The sample's workers run ${k.BLOCK_THREADS} request threads (\`server.tomcat.threads.max\`, as in the blocked case).`, k);
k = knobs('blocked');
pauseSection(blocked, 'blocked', 'Blocked request threads',
  `The same load, but one worker keeps running with every request thread parked for ${k.PAUSE_S} s (\`GET /park?millis=…&pid=…\` on new connections until all are held; `
  + `the sample's workers run ${k.BLOCK_THREADS} request threads), its heartbeat and reports flowing: a deadlock as clients meet it. `
  + 'For Node.js, one parked request blocks the worker\'s event loop (`Atomics.wait`, no CPU); for Gunicorn, one parked request holds a sync worker\'s only thread: '
  + `each is that server's whole request capacity, so the three compare. On the processes of the paused worker when both ran, after ${k.BLOCK_WARM_S} s more of load; alone, after ${k.PAUSE_WARM_S} s.`, k);

// ------------------------------------------------------------------ mixed
md.push('### Mixed load');
md.push('');
k = knobs('mixed');
md.push(`Serialized code where one worker's load matters: 1 request in 10 holds the sample's JVM-wide lock for long (\`/locked?iterations=${k.MIX_LONG}\`), the others for short `
  + `(\`iterations=${k.MIX_SHORT}\`), chosen at random, for ${k.MIX_S} s per system and cell; closed-loop clients `
  + '(`bench/lib/load.js --mix`), a new connection per request or keep-alive connections (where only new connections can be steered). '
  + 'The clusters against nginx `least_conn` in front of two single JVMs of the sample (`--cluster.enabled=false`, upstream keep-alive), which balances every request, keep-alive or not. '
  + `Each system warmed with ${k.MIX_WARM_S} s of the mix first; the systems interleaved in each cell.`
  + ' Ratios are to nginx in the same cell; the p99 is the short requests\', the first second left out.'
  + ' Placement (`bench/lib/placement.js`), against what the client had in flight when it sent each request: "busier" is the share of requests sent to the worker (or JVM) with more of them in flight, '
  + '"behind a long" the share of short requests sent where a long one was in flight while the other had none.');
md.push('');
md.push(...runLines('mixed'));
if (mixed) {
  const cells = [...new Set(mixed.map((r) => `${r.connection}:${r.clients}`))];
  md.push('| connections | clients | system | req/s | × nginx | short req/s | short p50 ms | short p99 ms | × nginx | long p99 ms | errors | busier % | behind a long % |');
  md.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const cellStats = {};
  for (const cell of cells) {
    const rows = mixed.filter((r) => `${r.connection}:${r.clients}` === cell);
    const stat = (system) => {
      const rs = rows.filter((r) => r.system === system);
      return rs.length ? { rps: median(rs.map((r) => r.rps)), shortRps: median(rs.map((r) => r.short_rps)), p50: median(rs.map((r) => r.short_p50_ms)),
        p99: median(rs.map((r) => r.short_p99_ms)), longP99: median(rs.map((r) => r.long_p99_ms)), errors: sum(rs.map((r) => r.errors + r.non200)),
        busier: median(rs.map((r) => r.to_busier_pct)), behindLong: median(rs.map((r) => r.short_behind_long_pct)) } : null;
    };
    const nginx = stat('nginx');
    cellStats[cell] = { nginx, off: stat('off'), load: stat('load'), least: stat('least') };
    for (const system of ['off', 'load', 'least', 'nginx']) {
      const s = stat(system);
      if (!s) {
        continue;
      }
      const [conn, clients] = cell.split(':');
      md.push(`| ${conn === 'new' ? 'new per request' : 'keep-alive'} | ${clients} | ${label(system)} | ${fmt(s.rps, 1)} | ${nginx ? ratio(s.rps / nginx.rps) : 'n/a'} | `
        + `${fmt(s.shortRps, 1)} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${nginx ? ratio(s.p99 / nginx.p99) : 'n/a'} | ${fmt(s.longP99, 0)} | ${fmt(s.errors)} | `
        + `${fmt(s.busier, 1)} | ${fmt(s.behindLong, 1)} |`);
    }
  }
  md.push('');
  md.push('The figures are medians over rounds when there are several.');
  md.push('');
  for (const cell of cells) {
    const { nginx, off, load, least } = cellStats[cell];
    if (!nginx || !load) {
      continue;
    }
    const [conn, clients] = cell.split(':');
    const t = ratio(load.rps / nginx.rps);
    const p = ratio(load.p99 / nginx.p99);
    const gated = conn === 'new' && Number(clients) === 4;
    head.push(`- **Mixed load, ${clients} clients, ${conn === 'new' ? 'a new connection per request' : 'keep-alive'}**${markOf('mixed')}: steering \`load\` **${t}** the requests/s of nginx \`least_conn\`${gated ? target(load.rps >= nginx.rps, '≥ 1×') : ''}, `
      + `short p99 ${fmt(load.p99, 1, ' ms')} against ${fmt(nginx.p99, 1, ' ms')} (**${p}**${gated ? `;${target(load.p99 <= nginx.p99, '≤ 1×').slice(2, -1)}` : ''})`
      + `${off ? `; the kernel hash ${ratio(off.rps / nginx.rps)} and ${fmt(off.p99, 1, ' ms')}` : ''}.`);
    if (least) {
      head.push(`- **Mixed load, ${clients} clients, ${conn === 'new' ? 'a new connection per request' : 'keep-alive'}**${markOf('mixed')}: steering \`least\` **${ratio(least.rps / nginx.rps)}** the requests/s of nginx \`least_conn\`${gated ? target(least.rps >= nginx.rps, '≥ 1×') : ''}, `
        + `short p99 ${fmt(least.p99, 1, ' ms')} against ${fmt(nginx.p99, 1, ' ms')} (**${ratio(least.p99 / nginx.p99)}**${gated ? `;${target(least.p99 <= nginx.p99, '≤ 1×').slice(2, -1)}` : ''}).`);
    }
  }
}

// ------------------------------------------------------------------ leaving
md.push('### Leaving without `tcp_migrate_req`');
md.push('');
md.push('Rolling restarts (`POST /actuator/cluster` `{"action":"restart"}`, one after the other, each once both workers are UP again) under ' + knobs('leaving').LEAVE_CLIENTS + ' unpaced clients '
  + 'that open a new connection per request (`bench/lib/load.js --fresh 1`, 5 s timeout), with `net.ipv4.tcp_migrate_req=0`, so that the kernel resets what is queued '
  + 'on a listening socket that closes. Failed: resets, refused connections, timeouts, answers other than 200. Each restart\'s window runs from its request to the next one.');
md.push('');
md.push(...runLines('leaving'));
if (leaving && leaving.length) {
  md.push('| mode | restarts | completed | rollout, median | requests | failed | resets | refused | timeouts | non-200 | most failed in one restart |');
  md.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [system, rs] of bySystem(leaving.map((r) => ({ ...r, system: r.mode })))) {
    const restarts = rs.filter((r) => r.restart > 0);
    md.push(`| ${label(system)} | ${restarts.length} | ${restarts.filter((r) => r.rollout_state === 'COMPLETED').length} | ${fmt(median(restarts.map((r) => r.rollout_s)), 1, ' s')} | `
      + `${fmt(sum(rs.map((r) => r.requests)))} | ${fmt(sum(rs.map((r) => r.failed)))} | ${fmt(sum(rs.map((r) => r.resets)))} | ${fmt(sum(rs.map((r) => r.refused)))} | `
      + `${fmt(sum(rs.map((r) => r.timeouts)))} | ${fmt(sum(rs.map((r) => r.non200)))} | ${fmt(Math.max(0, ...restarts.map((r) => r.failed)))} |`);
  }
  md.push('');
  const steered = leaving.filter((r) => r.mode === 'load' && r.restart > 0);
  const hash = leaving.filter((r) => r.mode === 'off' && r.restart > 0);
  if (steered.length) {
    const resets = sum(steered.map((r) => r.resets));
    const failed = sum(steered.map((r) => r.failed));
    head.push(`- **Leaving without the sysctl**${markOf('leaving')} (${steered.length} rolling restarts, \`tcp_migrate_req=0\`): steering \`load\` **${fmt(resets)} resets**${target(resets === 0, '0')}, `
      + `${fmt(failed)} failed requests in all${hash.length ? `; the kernel hash ${fmt(sum(hash.map((r) => r.resets)))} resets, ${fmt(sum(hash.map((r) => r.failed)))} failed in ${hash.length}` : ''}.`);
  }
}

// ------------------------------------------------------------------ cost
md.push('### Cost');
md.push('');
k = knobs('cost');
md.push(`\`GET /\` on the clusters (after the mixed load, when it ran), each warmed round after round until two in a row agree within ${k.STABLE_PCT} %, then interleaved ${k.COST_ROUND_S} s rounds, the figure the median: `
  + `wrk with ${k.CONNECTIONS} keep-alive connections, and with ${k.COST_NEW_CLIENTS} connections that each send \`Connection: close\`, a new connection per request, which the steering program places one by one.`);
md.push('');
md.push(...runLines('cost'));
if (cost && cost.length) {
  md.push('| connections | system | rounds | req/s | × hash | p50 ms | p99 ms | errors |');
  md.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const route = { hello: `keep-alive, ${k.CONNECTIONS}`, 'hello-close': `new per request, ${k.COST_NEW_CLIENTS}` };
  for (const r of Object.keys(route)) {
    const rs = cost.filter((x) => x.route === r);
    const off = median(rs.filter((x) => x.system === 'off').map((x) => x.rps));
    for (const system of ['off', 'load', 'least']) {
      const own = rs.filter((x) => x.system === system);
      if (!own.length) {
        continue;
      }
      const rps = median(own.map((x) => x.rps));
      md.push(`| ${route[r]} | ${label(system)} | ${own.length} | ${fmt(rps)} | ${ratio(rps / off)} | ${fmt(median(own.map((x) => x.p50_ms)), 2)} | ${fmt(median(own.map((x) => x.p99_ms)), 2)} | ${fmt(sum(own.map((x) => x.errors)))} |`);
    }
    const load = median(rs.filter((x) => x.system === 'load').map((x) => x.rps));
    if (num(load) && num(off)) {
      head.push(`- **Cost, steady \`GET /\`, ${route[r].replace(/, \d+$/, '')} connections**${markOf('cost')}: steering \`load\` **${ratio(load / off)}** the kernel hash's requests/s${r === 'hello' ? target(load / off >= 0.98, '≥ 0.98×') : ''}.`);
    }
    const least = median(rs.filter((x) => x.system === 'least').map((x) => x.rps));
    if (num(least) && num(off)) {
      head.push(`- **Cost, steady \`GET /\`, ${route[r].replace(/, \d+$/, '')} connections**${markOf('cost')}: steering \`least\` **${ratio(least / off)}** the kernel hash's requests/s.`);
    }
  }
  md.push('');
}
if (exclusion && exclusion.length) {
  md.push('How soon clients stop landing on a worker that stops, seen from outside (`bench/lib/exclusion.js`): a `GET /` on a new connection every 10 ms; one with no answer within 250 ms while the worker is '
    + '`SIGSTOP`ped landed on it. A steered worker is excluded once its reports (every 100 ms) have stopped for `cluster.steering.unresponsive-after` (500 ms), that is 400 to 500 ms after the stop; '
    + 'what comes after is the master\'s decision and the program\'s replacement, so the last landing less 400 ms bounds them from above. '
    + '"Back" is from `SIGCONT` until the worker answers a new connection again. The kernel hash\'s row is the control.');
  md.push('');
  md.push('| system | run | probes | landed on the stopped worker | last one after SIGSTOP | back after SIGCONT |');
  md.push('| --- | --- | ---: | ---: | ---: | ---: |');
  exclusion.forEach((r) => md.push(`| ${label(r.system)} | ${r.run} | ${fmt(r.probes)} | ${fmt(r.landed_on_stopped)} | ${fmt(r.last_landed_ms, 0, ' ms')} | ${r.first_back_ms === '' ? 'not within the run' : fmt(r.first_back_ms, 0, ' ms')} |`));
  md.push('');
  const steered = exclusion.filter((r) => r.system === 'load');
  if (steered.length) {
    const last = median(steered.map((r) => r.last_landed_ms));
    head.push(`- **A stopped worker seen from outside**${markOf('cost')}: the last new connection landed on it ${fmt(last, 0, ' ms')} after \`SIGSTOP\` (median of ${steered.length}; `
      + `the decision and the program's replacement took at most ${fmt(Math.max(0, last - 400), 0, ' ms')} of it past the 400 to 500 ms threshold; target: a weight change applied within 100 ms), `
      + `back ${fmt(median(steered.map((r) => r.first_back_ms)), 0, ' ms')} after \`SIGCONT\`.`);
  }
}

const section = ['## Connection steering (issue 20)', '', intro, '', '### Headline', '', ...(head.length ? head : ['- No steering scenario has run yet.']), '', ...md].join('\n');

writeSection(args.markdown, 'steering', section);
console.log(head.join('\n'));
