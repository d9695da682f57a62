#!/usr/bin/env bash
# JDK 25's AOT cache, by what its training run did (JEP 515 keeps the training run's
# method profiles in the cache). One JVM of the sample, not a cluster, so that only the
# cache differs:
#   none   no AOT cache
#   start  trained on the start alone (spring.context.exit=onRefresh)
#   warm   trained on requests: 20 s of GET / and 10 s of GET /locked, then SIGTERM
#   cds    a dynamic AppCDS archive of the start (-XX:ArchiveClassesAtExit): classes, no profiles
# KINDS chooses which, in turn (default: none start warm cds).
# Each start is timed to its first answer, then GET / runs under wrk -t2 -c32 in 2-second
# rounds for 40 s. With WARM_UP_S=10, the JVM first gets what the sample's warm-up sends a
# worker before it joins (GET / and GET /locked, 2 connections each, for 10 s), and the
# rounds start after it. Kinds are interleaved, ROUNDS times. Run it alone on a quiet
# machine.
#
#   bash bench/aot-training.sh            # after ./mvnw -q install -DskipTests
#   WARM_UP_S=10 ROUNDS=3 bash bench/aot-training.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
ROUNDS=${ROUNDS:-2}
KINDS=${KINDS:-none start warm cds}
WARM_UP_S=${WARM_UP_S:-0}
MEASURED_ROUNDS=${MEASURED_ROUNDS:-20}
PORT=${PORT:-18090}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -x "$JAVA25" ] || { echo "needs a JDK 25+: set JAVA25" >&2; exit 1; }
awk '{ if ($1 > 1.0) { print "load average " $1 ": not quiet, not measuring" > "/dev/stderr"; exit 1 } }' /proc/loadavg
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

ARGS=(--cluster.enabled=false --server.port=$PORT --logging.level.root=WARN)
APP=$WORK/app/sample-app.jar
now() { echo $(( $(date +%s%N) / 1000000 )); }
await_answer() { until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.02; done; }

"$JAVA25" -Djarmode=tools -jar sample-app/target/sample-app.jar extract --destination "$WORK/app" >/dev/null
"$JAVA25" -Xmx512m -XX:AOTCacheOutput="$WORK/start.aot" -Dspring.context.exit=onRefresh -jar "$APP" "${ARGS[@]}" \
	>"$WORK/train-start.log" 2>&1
"$JAVA25" -Xmx512m -XX:AOTCacheOutput="$WORK/warm.aot" -jar "$APP" "${ARGS[@]}" >"$WORK/train-warm.log" 2>&1 &
pid=$!
await_answer
wrk -t2 -c8 -d20s "http://127.0.0.1:$PORT/" >/dev/null
wrk -t2 -c8 -d10s "http://127.0.0.1:$PORT/locked?iterations=1000" >/dev/null
kill -TERM $pid
wait $pid || true
"$JAVA25" -Xmx512m -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$APP" "${ARGS[@]}" \
	>"$WORK/train-cds.log" 2>&1

echo "load average at the start: $LOAD_AT_START"
echo "warm-up before the rounds: ${WARM_UP_S}s; $MEASURED_ROUNDS rounds of 2 s"
echo "cache round first_answer_ms requests_in_the_rounds last_2s_rps rps_per_2s..."
for round in $(seq 1 "$ROUNDS"); do
	for kind in $KINDS; do
		case $kind in
			none) options=() ;;
			cds) options=(-XX:SharedArchiveFile="$WORK/app.jsa") ;;
			*) options=(-XX:AOTCache="$WORK/$kind.aot") ;;
		esac
		started=$(now)
		"$JAVA25" -Xmx512m "${options[@]}" -jar "$APP" "${ARGS[@]}" >"$WORK/run.log" 2>&1 &
		pid=$!
		await_answer
		ready=$(( $(now) - started ))
		if [ "$WARM_UP_S" -gt 0 ]; then
			wrk -t1 -c2 -d"${WARM_UP_S}s" "http://127.0.0.1:$PORT/" >/dev/null &
			warming=$!
			wrk -t1 -c2 -d"${WARM_UP_S}s" "http://127.0.0.1:$PORT/locked?iterations=1000" >/dev/null
			wait $warming
		fi
		rates=()
		for _ in $(seq 1 "$MEASURED_ROUNDS"); do
			rates+=("$(wrk -t2 -c32 -d2s "http://127.0.0.1:$PORT/" | awk '/Requests\/sec/ { printf "%.0f", $2 }')")
		done
		total=0
		for rate in "${rates[@]}"; do total=$(( total + rate * 2 )); done
		echo "$kind $round $ready $total ${rates[-1]} ${rates[*]}"
		kill -TERM $pid
		wait $pid || true
		sleep 5
	done
done
