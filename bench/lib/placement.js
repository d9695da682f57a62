// Where a closed-loop client's requests landed, against what it had in flight on each server when it
// sent them: the measure of a balancer's choices that throughput alone hides. load.js --placement 1
// keeps one record per answered request ({sentMs, doneMs, path, server}, the server from nginx's
// X-Upstream header or the sample's "from worker N"), and placement(records, heavyPath) counts:
//   toBusierPct       of the requests, those sent to a server that had more of this client's requests
//                     in flight than another server had (a proxy's least-connections sends almost none
//                     there; a choice made on late counts sends more)
//   behindHeavyPct    of the requests other than heavyPath, those sent to a server with a heavyPath
//                     request in flight while another server had none: in serialized code, a short
//                     request that waits for a long one it could have avoided
// "In flight" is as this client sees it: from sending a request to reading its answer. Every client
// of load.js has one request at a time, so at most --connections are in flight at once.
'use strict';

function placement(records, heavyPath) {
  const sorted = [...records].sort((a, b) => a.sentMs - b.sentMs);
  const servers = [...new Set(sorted.map((r) => r.server))];
  let active = [];
  let requests = 0;
  let toBusier = 0;
  let light = 0;
  let behindHeavy = 0;
  for (const r of sorted) {
    active = active.filter((o) => o.doneMs > r.sentMs);
    if (servers.length < 2) {
      active.push(r);
      continue;
    }
    const all = new Map(servers.map((s) => [s, 0]));
    const heavy = new Map(servers.map((s) => [s, 0]));
    for (const o of active) {
      all.set(o.server, all.get(o.server) + 1);
      if (o.path === heavyPath) {
        heavy.set(o.server, heavy.get(o.server) + 1);
      }
    }
    const others = servers.filter((s) => s !== r.server);
    requests++;
    if (others.some((s) => all.get(s) < all.get(r.server))) {
      toBusier++;
    }
    if (r.path !== heavyPath) {
      light++;
      if (heavy.get(r.server) > 0 && others.some((s) => heavy.get(s) === 0)) {
        behindHeavy++;
      }
    }
    active.push(r);
  }
  const pct = (n, of) => (of === 0 ? null : Number(((100 * n) / of).toFixed(1)));
  return { servers: servers.length, requests, toBusierPct: pct(toBusier, requests), behindHeavyPct: pct(behindHeavy, light) };
}

// The server that answered: nginx's X-Upstream header, or the worker the sample names in its body.
function serverOf(headers, body) {
  const upstream = headers['x-upstream'];
  if (upstream) {
    return upstream;
  }
  const worker = /from worker (\d+)/.exec(body);
  return worker ? `worker ${worker[1]}` : null;
}

module.exports = { placement, serverOf };
