#!/usr/bin/env bash
# By hand, as the figures in docs/steering.md were taken; bench/run.sh pause now runs this scenario
# (and bench/run.sh blocked its blocked-threads twin) with its results and report. One of 2 workers paused with SIGSTOP for 8 s under
# 16 clients that open a new connection per request (2 s timeout, moving on after a failure), after
# 30 s of load (node bench/lib/pause.js). Systems, interleaved, ROUNDS times (default 2):
#   hash      the sample cluster, steering off: the kernel's SO_REUSEPORT hash
#   steering  the sample cluster, cluster.steering.mode=load
#   node      the Node.js cluster of bench/node/cluster.js (round-robin by the primary)
#   gunicorn  Debian's gunicorn, 2 sync workers on a trivial WSGI app (one shared accept queue)
# Needs the sample jar built (./mvnw -DskipTests install), node, gunicorn (apt-get install gunicorn)
# and a quiet machine. Load goes only to 127.0.0.1. Writes OUT (default /tmp/pause.csv).
set -u
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/pause.csv}
: > "$out"
port=18300

wait_http() {
  for _ in $(seq 1 240); do
    curl -s -m 1 -o /dev/null "localhost:$port/" && return 0
    sleep 0.5
  done
  return 1
}

cluster_worker_pid() {
  for _ in $(seq 1 240); do
    pid=$(curl -s -m 1 "localhost:$port/actuator/cluster" | python3 -c \
      'import json,sys; d=json.load(sys.stdin); print(d["workers"][1]["process"]["pid"] if d["upWorkers"] == 2 else "")' 2>/dev/null)
    [ -n "$pid" ] && { echo "$pid"; return 0; }
    sleep 0.5
  done
  return 1
}

second_child() {
  for _ in $(seq 1 40); do
    pid=$(pgrep -P "$1" | sort -n | sed -n 2p)
    [ -n "$pid" ] && { echo "$pid"; return 0; }
    sleep 0.25
  done
  return 1
}

for round in $(seq 1 "${ROUNDS:-2}"); do
  for system in hash steering node gunicorn; do
    case $system in
      hash|steering)
        mode=off; [ "$system" = steering ] && mode=load
        java -Xmx512m -jar sample-app/target/sample-app.jar --server.port=$port --cluster.standby-workers=0 \
          --cluster.worker.warm-up.enabled=false --cluster.steering.mode=$mode > "/tmp/pause-$system.log" 2>&1 &
        main=$!
        pid=$(cluster_worker_pid) ;;
      node)
        PORT=$port WORKERS=2 node bench/node/cluster.js > /tmp/pause-node.log 2>&1 &
        main=$!
        wait_http; pid=$(second_child $main) ;;
      gunicorn)
        gunicorn -w 2 -b 127.0.0.1:$port --chdir bench/gunicorn app:app > /tmp/pause-gunicorn.log 2>&1 &
        main=$!
        wait_http; pid=$(second_child $main) ;;
    esac
    node bench/lib/pause.js --port $port --pid "$pid" --system "$system" --out "$out" --warm 30
    kill $main; wait $main 2>/dev/null
  done
done
cat "$out"
