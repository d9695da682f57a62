#!/usr/bin/env bash
# Samples the cluster master's memory over time (issue 11 §3: master RSS <= 64 MiB after an hour
# with 2 workers). Starts the sample app in cluster mode, or attaches to a running master, and
# prints one CSV row per interval on stdout:
#   time_s,master_rss_kib,master_pss_kib,worker_pids,worker_rss_kib
# worker_pids and worker_rss_kib list the master's child JVMs in pid order, separated by ';'.
# RSS and PSS come from /proc/PID/status (VmRSS) and /proc/PID/smaps_rollup (Pss); they are not
# timing figures, so a shared machine does not skew them much.
#
#   bench/master-memory.sh [JAR] [PORT] [DURATION_S] [INTERVAL_S] [-- extra app arguments]
#   bench/master-memory.sh sample-app/target/sample-app.jar 18090 3600 10 > master-memory.csv
#
# Arguments default to the environment: MEMORY_JAR (sample-app/target/sample-app.jar), MEMORY_PORT
# (18090), MEMORY_DURATION (3600), MEMORY_INTERVAL (10), MEMORY_WORKERS (2), JAVA (java);
# MEMORY_MASTER_PID samples that running master instead of starting one. Progress and the app's
# output go to stderr (the app's output to MEMORY_LOG, default /tmp/master-memory.log). The
# started cluster is stopped (SIGTERM, then SIGKILL) on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${1:-${MEMORY_JAR:-sample-app/target/sample-app.jar}}
PORT=${2:-${MEMORY_PORT:-18090}}
DURATION=${3:-${MEMORY_DURATION:-3600}}
INTERVAL=${4:-${MEMORY_INTERVAL:-10}}
shift $(($# < 4 ? $# : 4))
[[ ${1:-} == -- ]] && shift
WORKERS=${MEMORY_WORKERS:-2}
JAVA=${JAVA:-java}
LOG=${MEMORY_LOG:-/tmp/master-memory.log}
MASTER=${MEMORY_MASTER_PID:-}
STARTED=

note() { printf '[master-memory %s] %s\n' "$(date +%T)" "$*" >&2; }

stop_cluster() {
	[[ -n $STARTED ]] || return 0
	kill -TERM "$STARTED" 2>/dev/null || return 0
	for _ in $(seq 1 100); do
		kill -0 "$STARTED" 2>/dev/null || return 0
		sleep 0.1
	done
	note "master $STARTED still runs 10 s after SIGTERM; killing it and its workers"
	pkill -KILL -P "$STARTED" 2>/dev/null || true
	kill -KILL "$STARTED" 2>/dev/null || true
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

kib() { # field value in kB of a "Name:   123 kB" line, or empty
	awk -v key="$2" '$1 == key { print $2; exit }' "$1" 2>/dev/null || true
}

if [[ -z $MASTER ]]; then
	[[ -f $JAR ]] || { note "no jar at $JAR (build it: ./mvnw -o -q -DskipTests package)"; exit 2; }
	"$JAVA" -jar "$JAR" --server.port="$PORT" --cluster.workers="$WORKERS" "$@" >"$LOG" 2>&1 &
	MASTER=$!
	STARTED=$MASTER
	note "started master pid $MASTER on port $PORT with $WORKERS workers (output in $LOG)"
fi

echo "time_s,master_rss_kib,master_pss_kib,worker_pids,worker_rss_kib"
start=$(date +%s)
while :; do
	now=$(($(date +%s) - start))
	[[ -d /proc/$MASTER ]] || { note "master $MASTER is gone"; exit 1; }
	rss=$(kib "/proc/$MASTER/status" VmRSS:)
	pss=$(kib "/proc/$MASTER/smaps_rollup" Pss:)
	pids=() sizes=()
	for child in $(pgrep -P "$MASTER" | sort -n); do
		size=$(kib "/proc/$child/status" VmRSS:)
		[[ -n $size ]] || continue
		pids+=("$child") sizes+=("$size")
	done
	(IFS=';'; echo "$now,${rss:-},${pss:-},${pids[*]:-},${sizes[*]:-}")
	((now + INTERVAL <= DURATION)) || break
	sleep "$INTERVAL"
done
