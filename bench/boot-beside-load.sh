#!/usr/bin/env bash
# Times a JVM's start (launch to its first HTTP answer) beside a JVM that serves GET / under
# saturating load (wrk -t2 -c64), in the ways the scheduler can be asked to share the CPU; the
# measurement behind the autogroups of docs/boot-priority.md. Two starts per case.
#
#   bench/boot-beside-load.sh [idle|same|sessions|nice]...   (default: all four)
#     idle      no load: the reference
#     same      the serving JVM, wrk and the boot in this shell's session
#     sessions  the serving JVM and the boot each in a session of its own (setsid)
#     nice      as sessions, with the serving JVM's autogroup at nice 10
#
# Needs the sample jar (./mvnw -pl sample-app -am package -DskipTests), wrk and a quiet machine.
# Ports 18202 and 18203 on 127.0.0.1 only; every JVM it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=sample-app/target/sample-app.jar
SERVE=18202 PROBE=18203
trap 'pkill -f "server.port=$SERVE" || true; pkill -f "server.port=$PROBE" || true; pkill -f "127.0.0.1:$SERVE/" || true' EXIT

start() { # start PORT [setsid]: a plain JVM of the sample
	${2:-} java -Xmx512m -jar "$JAR" --cluster.enabled=false --server.port="$1" --spring.main.banner-mode=off >/dev/null 2>&1 &
}
answers() { curl -s -o /dev/null --max-time 1 "127.0.0.1:$1/"; }
probe() { # probe [setsid]: one timed start, then stop it
	local t0 i
	t0=$(date +%s%N)
	start $PROBE "${1:-}"
	for i in $(seq 1200); do answers $PROBE && break; sleep 0.05; done
	echo "    start: $((($(date +%s%N) - t0) / 1000000)) ms"
	pkill -f "server.port=$PROBE"
	while pgrep -f "server.port=$PROBE" >/dev/null; do sleep 0.1; done
}
serve() { # serve [setsid]: the serving JVM, warmed by 30 s of load, then loaded until stopped
	local i
	start $SERVE "${1:-}"
	for i in $(seq 600); do answers $SERVE && break; sleep 0.1; done
	wrk -t2 -c64 -d30s "http://127.0.0.1:$SERVE/" >/dev/null
	wrk -t2 -c64 -d600s "http://127.0.0.1:$SERVE/" >/dev/null &
	sleep 2
}
unserve() {
	pkill -f "127.0.0.1:$SERVE/" || true
	pkill -f "server.port=$SERVE" || true
	while pgrep -f "server.port=$SERVE" >/dev/null; do sleep 0.1; done
}

for mode in "${@:-idle same sessions nice}"; do
	for m in $mode; do
		echo "$m (load average $(cut -d' ' -f1 /proc/loadavg))"
		case $m in
		idle) probe; probe ;;
		same) serve; probe; probe; unserve ;;
		sessions) serve setsid; probe setsid; probe setsid; unserve ;;
		nice)
			serve setsid
			echo 10 >"/proc/$(pgrep -f "server.port=$SERVE")/autogroup"
			probe setsid; probe setsid; unserve ;;
		*) echo "unknown case $m" >&2; exit 2 ;;
		esac
	done
done
