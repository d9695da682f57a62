#!/usr/bin/env bash
# By hand, until bench/run.sh has this scenario: the sample cluster of 2 workers with the kernel's hash
# (steering off) against steering in load mode, interleaved twice; node bench/lib/pause.js pauses
# worker 2 with SIGSTOP for 8 s under 16 new-connection clients (2 s timeout), after 30 s of load.
# Needs the sample jar built (./mvnw -DskipTests install) and a quiet machine. Only 127.0.0.1.
set -u
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/pause.csv}; : > $out
for round in 1 2; do
  for mode in off load; do
    port=18300
    java -Xmx512m -jar sample-app/target/sample-app.jar --server.port=$port --cluster.standby-workers=0 \
      --cluster.worker.warm-up.enabled=false --cluster.steering.mode=$mode > /tmp/pause-$mode-$round.log 2>&1 &
    master=$!
    for i in $(seq 1 120); do
      up=$(curl -s -m 1 localhost:$port/actuator/cluster | python3 -c 'import json,sys; print(json.load(sys.stdin)["upWorkers"])' 2>/dev/null)
      [ "$up" = "2" ] && break; sleep 0.5
    done
    pid=$(curl -s localhost:$port/actuator/cluster | python3 -c 'import json,sys; print(json.load(sys.stdin)["workers"][1]["process"]["pid"])')
    node bench/lib/pause.js --port $port --pid $pid --system "$mode-$round" --out $out --warm 30
    kill $master; wait $master 2>/dev/null
  done
done
cat $out
