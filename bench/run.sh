#!/usr/bin/env bash
# Measures the sample app in cluster mode against its peers, in one run. Two groups of scenarios
# (docs/benchmarks.md says what each measures):
#
# peers: the figures of issues 11 §4 and 12 §2, against one JVM and the Node.js cluster
#   A. warm-up curves: requests/s second by second for 60 s after the start of one JVM, a cluster
#      without warm-up and a cluster with it
#   B. steady state on GET / and the serialized GET /locked: each system warmed until two rounds in a
#      row differ by less than 5 %, then interleaved rounds; cluster of 2 against one JVM
#   C. memory (RSS, PSS) of one JVM, the cluster's master, workers and standby, the Node cluster
#   D. rolling restart of 2 workers under saturating load (wrk -c64, tcp_migrate_req=1): duration,
#      failed requests, the curve after it, time until back at 90 % of the throughput before
#   E. kill -9 of a worker until a process serves in that slot again, idle and under saturating
#      load: with one standby, without standby, and the Node cluster
#
# steering: the targets of issue 20 (connection steering), each a scenario of its own
# (bench/lib/steering.sh); every cluster has 2 workers, no standby and no warm-up:
#   pause    one of 2 workers SIGSTOPped for 8 s under 16 clients that open a new connection per
#            request (2 s timeout, moving on after a failure; bench/lib/pause.js), after 30 s of load:
#            the cluster with cluster.steering.mode=off (the kernel's hash), =load and =least, the Node.js
#            cluster (bench/node) and Gunicorn (2 sync workers, bench/gunicorn/app.py), interleaved
#   blocked  the same with every request thread of one worker parked (GET /park) while it keeps
#            running and its heartbeat flows; a Node worker's event loop or a sync Gunicorn worker
#            parked likewise. With pause, on the same processes, right after it
#   mixed    1 request in 10 /locked?iterations=400000, the others /locked?iterations=2000, at 4 and
#            16 clients, a new connection per request and keep-alive: the cluster off, load and
#            least, and nginx least_conn in front of two single JVMs of the sample
#   cost     GET / steady state, keep-alive and a new connection per request, steering load and
#            least against off; and how soon clients stop landing on a SIGSTOPped worker (bench/lib/exclusion.js)
#   leaving  10 rolling restarts (POST /actuator/cluster) under unpaced new-connection load with
#            net.ipv4.tcp_migrate_req=0 (restored afterwards; skipped without root or sudo):
#            resets and failed requests, steering off against load and least
#
#   bench/run.sh                  every scenario (the peers about 14 minutes on 2 cores, the steering
#                                 ones about 24, and the build); writes bench/results/ (CSV, PNG) and
#                                 the generated parts of bench/RESULTS.md
#   bench/run.sh peers            the peers only; bench/run.sh steering: the five steering scenarios
#   bench/run.sh pause blocked    any of: peers steering pause blocked mixed cost leaving; a run
#                                 rewrites only the results of the scenarios it runs
#   BENCH_QUICK=1 bench/run.sh    every scenario with tiny durations (the peers 4 to 7 minutes, the
#                                 steering ones about 5) to check the pipeline; writes to
#                                 bench/out/quick/ and leaves the results alone
#
# Quiet machine: the full run refuses to start when the 1-minute load average is above 0.5 per core
# or a java process uses more than 10 % of a core (bench/lib/quiet.js); BENCH_FORCE=1 runs anyway
# and marks every figure as taken on a busy machine (so does a quick run, which never refuses).
# Other settings: BENCH_SKIP_BUILD=1 (use the jar as built), BENCH_CPU_ITERATIONS (default 10000),
# BENCH_PORT_BASE (default 18100, uses the next 32 ports), BENCH_JVM_HEAP (default -Xmx512m).
# The steering scenarios' durations and counts are knobs, each BENCH_<NAME> in the environment, with
# its default below under "Connection steering" (BENCH_PAUSE_ROUNDS=3 bench/run.sh pause ...).
# Load goes only to 127.0.0.1. Needs root or sudo only to install packages (wrk, gnuplot-nox, nodejs,
# gunicorn, nginx-light, as the scenarios need them) and to switch net.ipv4.tcp_migrate_req (to 1 for
# the peers' rolling restarts, to 0 for "leaving"; restored on exit).
set -euo pipefail

# The arguments that turn the sample's warm-up off (application.yml turns it on): see the warm-up
# section of docs/warm-up.md. A cluster "without warm-up" is the sample started with these.
WARMUP_OFF_ARGS=(--cluster.worker.warm-up.enabled=false)
# One standby for the clusters of scenarios A to E when the jar supports it; none for the
# "without standby" kills.
STANDBY_ON_ARGS=(--cluster.standby-workers=1)
STANDBY_OFF_ARGS=(--cluster.standby-workers=0)

cd "$(dirname "$0")/.."
ROOT=$PWD
START_EPOCH=$(date +%s)
QUICK=${BENCH_QUICK:-0}
FORCE=${BENCH_FORCE:-0}
CPU_ITER=${BENCH_CPU_ITERATIONS:-10000}
JAVA17=${BENCH_JAVA17:-java}
BASE=${BENCH_PORT_BASE:-18100}
CONNECTIONS=64
WRK_THREADS=2
STABLE_PCT=5 # steady state: two warm-up rounds in a row within this many percent, after STEADY_MIN_S

# The scenarios to run, from the arguments (see the top of this file): "steering" stands for the five of
# issue 20; nothing means peers and steering.
STEERING_SCENARIOS=(pause blocked mixed cost leaving)
RUN_ARGS="$*" # as the results record the command
SELECTED=()
for arg in "${@:-peers steering}"; do
	for word in $arg; do
		case $word in
		peers | pause | blocked | mixed | cost | leaving) SELECTED+=("$word") ;;
		steering) SELECTED+=("${STEERING_SCENARIOS[@]}") ;;
		*)
			echo "bench/run.sh: unknown scenario '$word'; known: peers steering ${STEERING_SCENARIOS[*]}" >&2
			exit 2
			;;
		esac
	done
done
wants() { [[ " ${SELECTED[*]} " == *" $1 "* ]]; }
wants_steering() { local s; for s in "${STEERING_SCENARIOS[@]}"; do wants "$s" && return 0; done; return 1; }

if [[ $QUICK == 1 ]]; then
	CURVE_S=20 ROUND_S=1 ROUNDS=1 STEADY_MIN_S=1 STEADY_CAP_S=3 KILLS_IDLE=1 KILLS_LOAD=1 KILLS_LOAD_COLD=1 LOAD_PRE_S=2 LOAD_POST_S=1
	ROLL_PRE_S=2 ROLL_POST_S=2 ROLL_MIN_S=4 ROLL_TIMEOUT_S=150 KILL_TIMEOUT_S=60 SETTLE=1500
	RESULTS=$ROOT/bench/out/quick/results
	RESULTS_MD=$ROOT/bench/out/quick/RESULTS.md
	mkdir -p "$(dirname "$RESULTS_MD")"
	cp "$ROOT/bench/RESULTS.md" "$RESULTS_MD"
else
	# CURVE_S: each warm-up curve; ROUND_S: a steady-state round; STEADY_MIN_S: the warm-up traffic
	# before two rounds may count as steady (a JVM's JIT plateaus on the way: on 2 cores, one JVM and
	# the cluster both served GET / at under half their final rate for the first 40 to 60 s of
	# saturating traffic, with rounds that agreed within 5 %); STEADY_CAP_S: the most warm-up per
	# system and route; KILLS_*: kills per case; *_PRE_S/*_POST_S: load before and after an event;
	# ROLL_MIN_S: a rolling-restart curve lasts at least this long after the restart request
	CURVE_S=90 ROUND_S=5 ROUNDS=3 STEADY_MIN_S=60 STEADY_CAP_S=150 KILLS_IDLE=4 KILLS_LOAD=3 KILLS_LOAD_COLD=3 LOAD_PRE_S=3 LOAD_POST_S=2
	ROLL_PRE_S=8 ROLL_POST_S=20 ROLL_MIN_S=60 ROLL_TIMEOUT_S=150 KILL_TIMEOUT_S=60 SETTLE=1500
	RESULTS=$ROOT/bench/results
	RESULTS_MD=$ROOT/bench/RESULTS.md
fi
# Connection steering (issue 20): each knob is BENCH_<NAME> in the environment (BENCH_PAUSE_ROUNDS=3 ...);
# the first figure is the full run's default, the second the quick run's. See the top of this file.
knob() { local value="BENCH_$1"; printf -v "$1" '%s' "${!value:-$([[ $QUICK == 1 ]] && echo "$3" || echo "$2")}"; }
knob PAUSE_ROUNDS 2 1      # pause/blocked: rounds, each system once per round, the order rotated
knob PAUSE_WARM_S 30 3     # load before the paused worker's counted seconds (not counted)
knob BLOCK_WARM_S 6 2      # load before the blocked worker's counted seconds, after the pause on the same system
knob PAUSE_BEFORE_S 8 2    # counted seconds before the pause or block
knob PAUSE_S 8 3           # length of the pause (SIGSTOP) or block (parked threads)
knob PAUSE_AFTER_S 4 1     # counted seconds after it
knob PAUSE_CLIENTS 16 16   # clients, each a new connection per request with a 2 s timeout
knob BLOCK_THREADS 16 16   # request threads of each sample worker (server.tomcat.threads.max) in pause/blocked, all parked in blocked
knob MIX_CELLS "new:4 new:16 keepalive:4" "new:4 keepalive:4" # mixed: connection kind:clients (keepalive:16 too, if wanted)
knob MIX_ROUNDS 1 1        # rounds of every cell, the systems' order rotated in each
knob MIX_WARM_S 20 2       # mixed load on each system before the first round (not counted)
knob MIX_S 15 3            # each counted run
knob MIX_LONG 400000 400000 # /locked iterations of the long tenth of the requests
knob MIX_SHORT 2000 2000   # /locked iterations of the other nine tenths
knob COST_ROUND_S 5 1      # cost: each wrk round on GET /
knob COST_ROUNDS 3 1       # interleaved counted rounds per connection kind
knob COST_MIN_S 30 1       # warm-up rounds on GET / before two may count as steady (STABLE_PCT)
knob COST_CAP_S 120 3      # the most warm-up per system and connection kind
knob COST_NEW_CLIENTS 16 16 # wrk connections of the new-connection-per-request rounds (the keep-alive ones use CONNECTIONS)
knob EXCLUSION_RUNS 3 1    # SIGSTOP of a worker of the steered cluster, probed for when it stops and starts getting connections
knob LEAVE_RESTARTS 10 1   # leaving: rolling restarts per steering mode with tcp_migrate_req=0
knob LEAVE_CLIENTS 16 16   # clients, unpaced, a new connection per request
knob LEAVE_PRE_S 10 2      # load before the first restart
knob LEAVE_GAP_S 1 1       # load between a rollout's end (both workers UP) and the next restart request
knob ROLLOUT_TIMEOUT_S 150 150 # the longest a rolling restart may take
WORK=$ROOT/bench/out/run
JAR=$ROOT/sample-app/target/sample-app.jar

P_JVM=$((BASE + 1)) P_CLUSTER=$((BASE + 2)) P_NOWARM=$((BASE + 3)) P_COLD=$((BASE + 4))
P_PREP=$((BASE + 5)) P_NODECL=$((BASE + 8))
# connection steering: BASE+21 to BASE+30 (bench/lib/steering.sh)

rm -rf "$WORK"
mkdir -p "$WORK/logs" "$RESULTS"
# A run replaces only the files of the scenarios it runs: the steering scenarios write steering-*, and
# bench/results/ also keeps measurements taken by hand (*-by-hand.csv).
if wants peers; then
	find "$RESULTS" -maxdepth 1 -type f ! -name 'steering-*' ! -name '*-by-hand.csv' -delete
fi
exec > >(tee "$WORK/run.log") 2>&1

log() { printf '[%s +%3ds] %s\n' "$(date +%T)" $(($(date +%s) - START_EPOCH)) "$*"; }
die() { log "FAILED: $*"; exit 1; }
now_ms() { date +%s%3N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_CSV=$WORK/load.csv # the peers' load.csv when they run
wants peers && LOAD_CSV=$RESULTS/load.csv
echo "t_s,scenario,load1,load5,load15" >"$LOAD_CSV"
scenario() { # scenario NAME TEXT: log it and note the load average
	echo "$(($(date +%s) - START_EPOCH)),$1,$(loadavg | tr ' ' ,)" >>"$LOAD_CSV"
	log "scenario $1: $2 (load average $(loadavg))"
}
NOTES=() # scenarios skipped or cut short, for RESULTS.md
note() { NOTES+=("$1"); log "NOTE: $1"; }

# ---------------------------------------------------------------- quiet machine, before anything else
QUIET_JSON=$(node bench/lib/quiet.js) && QUIET=1 || QUIET=0
LOAD_AT_START=$(loadavg)
BUSY_NOTE=
if [[ $QUIET == 0 ]]; then
	REASONS=$(node -e 'console.log(JSON.parse(process.argv[1]).reasons.join("; "))' "$QUIET_JSON")
	if [[ $FORCE != 1 && $QUICK != 1 ]]; then
		log "the machine is not quiet: $REASONS"
		log "refusing to measure; wait for a quiet machine, or run with BENCH_FORCE=1 to measure anyway (every figure is then marked)"
		exit 3
	fi
	BUSY_NOTE="taken on a busy machine (load average $LOAD_AT_START at the start on $(nproc) cores)"
	log "the machine is not quiet ($REASONS): measuring anyway$([[ $FORCE == 1 ]] && echo ' (BENCH_FORCE=1)'), every figure is marked as $BUSY_NOTE"
fi

# ---------------------------------------------------------------- cleanup, always
GROUPS_STARTED=()
MIGRATE_FILE=/proc/sys/net/ipv4/tcp_migrate_req
MIGRATE_ORIGINAL=

stop_group() { # stop_group PID: TERM the leader, wait, then KILL whatever is left of its group
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	sleep 0.5
	kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	set +e
	for pid in "${GROUPS_STARTED[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${GROUPS_STARTED[@]}"; do
		stop_group "$pid"
	done
	if [[ -n $MIGRATE_ORIGINAL ]] && [[ $(cat "$MIGRATE_FILE" 2>/dev/null) != "$MIGRATE_ORIGINAL" ]]; then
		write_sysctl "$MIGRATE_ORIGINAL" && log "net.ipv4.tcp_migrate_req restored to $MIGRATE_ORIGINAL"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SUDO=
if [[ $(id -u) != 0 ]] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	SUDO=sudo
fi
write_sysctl() { # write_sysctl VALUE: set tcp_migrate_req, return non-zero if not allowed
	if [[ -w $MIGRATE_FILE ]]; then
		echo "$1" >"$MIGRATE_FILE" 2>/dev/null
	elif [[ -n $SUDO ]]; then
		$SUDO sysctl -q -w "net.ipv4.tcp_migrate_req=$1" >/dev/null 2>&1
	else
		return 1
	fi
}

# start NAME CMD...: start in a session of its own (so that its children can be stopped with it),
# output to the logs directory; sets LAST_PID
start() {
	local name=$1
	shift
	setsid "$@" >"$WORK/logs/$name.log" 2>&1 </dev/null &
	LAST_PID=$!
	GROUPS_STARTED+=("$LAST_PID")
	echo "$LAST_PID" >"$WORK/logs/$name.pid"
}

stop() { # stop PID: stop one group started with start, now
	local pid=$1 kept=() p
	stop_group "$pid"
	for p in "${GROUPS_STARTED[@]}"; do
		[[ $p == "$pid" ]] || kept+=("$p")
	done
	GROUPS_STARTED=("${kept[@]}")
}

wait_http() { # wait_http URL TIMEOUT_S
	local deadline=$(($(date +%s) + $2))
	until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
		(($(date +%s) < deadline)) || die "$1 did not answer within $2 s"
		sleep 0.3
	done
}

wait_cds() { # wait_cds LOG TIMEOUT_S: until the master says whether workers use a class-data archive
	local deadline=$(($(date +%s) + $2))
	until grep -qE 'Class-data sharing ready|Workers start from the cached|Workers start without class-data sharing' "$1"; do
		(($(date +%s) < deadline)) || die "no class-data sharing decision in $1 within $2 s"
		sleep 0.5
	done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------- install and build
install_missing() { # the Debian packages of the tools the selected scenarios use
	local packages=()
	command -v wrk >/dev/null || packages+=(wrk)
	command -v curl >/dev/null || packages+=(curl)
	command -v unzip >/dev/null || packages+=(unzip)
	command -v node >/dev/null || packages+=(nodejs)
	! wants peers || command -v gnuplot >/dev/null || packages+=(gnuplot-nox)
	! wants pause && ! wants blocked || command -v gunicorn >/dev/null || packages+=(gunicorn)
	! wants mixed || command -v nginx >/dev/null || packages+=(nginx-light)
	if ((${#packages[@]} > 0)); then
		[[ $(id -u) == 0 || -n $SUDO ]] || die "missing ${packages[*]}: install them (sudo apt-get install ${packages[*]}) or run as root"
		log "installing from Debian: ${packages[*]}"
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >"$WORK/logs/apt.log" 2>&1 ||
			die "apt-get install failed, see $WORK/logs/apt.log"
	fi
}
install_missing

for port in $(seq $((BASE + 1)) $((BASE + 30))); do
	port_free "$port" || die "port $port is in use; set BENCH_PORT_BASE to a free range"
done

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
	log "building the sample app"
	# the repackaged jar is not rebuilt when only the starter changed: it would keep the old starter
	rm -f "$JAR" "$JAR.original"
	./mvnw -q -DskipTests package -pl sample-app -am >"$WORK/logs/build.log" 2>&1 || die "build failed, see $WORK/logs/build.log"
fi
[[ -f $JAR ]] || die "$JAR is missing"

# ---------------------------------------------------------------- what the jar supports
# From the configuration metadata of the starter inside the jar: a feature another branch is still
# building is skipped, with a note, rather than measured as something it is not.
unzip -p "$JAR" 'BOOT-INF/lib/cluster-spring-boot-autoconfigure-*.jar' >"$WORK/autoconfigure.jar" 2>/dev/null || true
unzip -p "$WORK/autoconfigure.jar" META-INF/spring-configuration-metadata.json >"$WORK/metadata.json" 2>/dev/null || true
supports() { grep -q "\"name\": *\"$1" "$WORK/metadata.json"; }
HAVE_STANDBY=0 HAVE_WARMUP=0 HAVE_STEERING=0
supports 'cluster.standby-workers"' && HAVE_STANDBY=1
supports 'cluster.worker.warm-up.' && HAVE_WARMUP=1
supports 'cluster.steering.mode"' && HAVE_STEERING=1
[[ $HAVE_STANDBY == 1 ]] || note "this jar has no cluster.standby-workers: the standby scenarios were skipped, the kills ran without standby only"
[[ $HAVE_WARMUP == 1 ]] || note "this jar has no cluster.worker.warm-up.*: the clusters ran without warm-up, the curves with warm-up were skipped"
STANDBY=()
[[ $HAVE_STANDBY == 0 ]] || STANDBY=("${STANDBY_ON_ARGS[@]}")

# ---------------------------------------------------------------- tcp_migrate_req
# The value before the run, restored when it ends whatever happens (cleanup); the peers' rolling
# restarts set it to 1, the steering scenario "leaving" to 0.
MIGRATE_SETTING=none
[[ ! -r $MIGRATE_FILE ]] || MIGRATE_ORIGINAL=$(cat "$MIGRATE_FILE")
if ! wants peers; then
	:
elif [[ -r $MIGRATE_FILE ]]; then
	if write_sysctl 1; then
		MIGRATE_SETTING=1
	else
		MIGRATE_SETTING=$MIGRATE_ORIGINAL
		note "net.ipv4.tcp_migrate_req could not be set to 1 (not root): the rolling restarts ran with it at $MIGRATE_ORIGINAL"
	fi
else
	note "this kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+): the rolling restarts ran without it"
fi

# ---------------------------------------------------------------- what was measured on
write_meta() { # write_meta: meta.json from the settings above (again at the end, with the notes and the load then)
	M_DATE=$(date -u -d "@$START_EPOCH" +%Y-%m-%dT%H:%M:%SZ) M_COMMAND="$([[ $QUICK == 1 ]] && echo 'BENCH_QUICK=1 ')$([[ $FORCE == 1 ]] && echo 'BENCH_FORCE=1 ')bench/run.sh" \
	M_CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo) M_KERNEL="$(uname -sr) ($(uname -m))" \
	M_LOAD=$LOAD_AT_START M_LOAD_END=${1:-} M_QUIET=$QUIET_JSON M_BUSY=$BUSY_NOTE M_JAVA17="$("$JAVA17" -version 2>&1 | head -1)" \
	M_WRK=$(wrk -v 2>&1 | head -1 | awk '{print $2}') M_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
	M_MIGRATE_ORIGINAL=${MIGRATE_ORIGINAL:-none} M_MIGRATE=$MIGRATE_SETTING M_NOTES="$(printf '%s\n' "${NOTES[@]}")" M_QUICK=$QUICK \
	M_CPU_ITER=$CPU_ITER M_CONNECTIONS=$CONNECTIONS M_WRK_THREADS=$WRK_THREADS M_HEAP=$JVM_HEAP M_STANDBY=$HAVE_STANDBY M_WARMUP=$HAVE_WARMUP \
	M_WARMUP_OFF="${WARMUP_OFF_ARGS[*]}" M_STANDBY_ON="${STANDBY_ON_ARGS[*]}" M_STABLE=$STABLE_PCT \
	M_DURATIONS="{\"curveS\":$CURVE_S,\"roundS\":$ROUND_S,\"rounds\":$ROUNDS,\"steadyMinS\":$STEADY_MIN_S,\"steadyCapS\":$STEADY_CAP_S,\"killsIdle\":$KILLS_IDLE,\"killsLoad\":$KILLS_LOAD,\"killsLoadCold\":$KILLS_LOAD_COLD,\"loadPreS\":$LOAD_PRE_S,\"loadPostS\":$LOAD_POST_S,\"rollPreS\":$ROLL_PRE_S,\"rollPostS\":$ROLL_POST_S,\"rollMinS\":$ROLL_MIN_S,\"rollTimeoutS\":$ROLL_TIMEOUT_S}" \
	node -e '
const e = process.env;
const os = require("os");
const meta = {
  date: e.M_DATE, quick: e.M_QUICK === "1", command: e.M_COMMAND, nproc: os.availableParallelism(),
  memTotalKiB: Math.round(os.totalmem() / 1024), cpu: e.M_CPU, kernel: e.M_KERNEL,
  loadAverageAtStart: e.M_LOAD, loadAverageAtEnd: e.M_LOAD_END || null,
  quietCheck: JSON.parse(e.M_QUIET), busy: e.M_BUSY || null,
  java17: e.M_JAVA17, node: process.version, wrk: e.M_WRK, gitCommit: e.M_COMMIT, cpuIterations: Number(e.M_CPU_ITER),
  connections: Number(e.M_CONNECTIONS), wrkThreads: Number(e.M_WRK_THREADS), jvmHeap: e.M_HEAP, stablePercent: Number(e.M_STABLE),
  features: { standby: e.M_STANDBY === "1", warmUp: e.M_WARMUP === "1", warmUpOffArgs: e.M_WARMUP_OFF, standbyArgs: e.M_STANDBY_ON },
  durations: JSON.parse(e.M_DURATIONS),
  tcpMigrateReqOriginal: e.M_MIGRATE_ORIGINAL, tcpMigrateReq: e.M_MIGRATE,
  notes: e.M_NOTES.split("\n").filter(Boolean),
};
console.log(JSON.stringify(meta, null, 2));' >"$RESULTS/meta.json"
}
# Every JVM gets the same heap limit, as a deployment would set one: with the JVM's default (a
# quarter of the machine's memory) heaps grow with load and RSS reflects GC ergonomics, not design.
JVM_HEAP=${BENCH_JVM_HEAP:--Xmx512m}
! wants peers || write_meta

JVM_FLAGS=("$JVM_HEAP" -jar "$JAR")
CLUSTER_FLAGS=(--cluster.workers=2 --cluster.restart.stable-after=1s)
declare -A PORT_OF=([jvm]=$P_JVM [cluster-2]=$P_CLUSTER)
declare -A PATH_OF=([hello]=/ [locked]="/locked?iterations=$CPU_ITER")
if wants peers; then
	echo "scenario,case,run,t_s,seconds,requests,rps,errors,non2xx" >"$RESULTS/curve.csv"
	echo "scenario,case,run,event,t_s" >"$RESULTS/events.csv"
	echo "system,condition,kill,slot,old_pid,new_pid,seconds,class_data_sharing,promoted,polled_seconds" >"$RESULTS/recovery.csv"
	echo "case,state,rollout_s" >"$RESULTS/rollouts.csv"
fi
event() { echo "$1,$2,$3,$4,$(awk -v n="$(now_ms)" -v t="$5" 'BEGIN {printf "%.3f", (n - t) / 1000}')" >>"$RESULTS/events.csv"; } # event SCENARIO CASE RUN NAME T0_MS

# series SCENARIO CASE RUN URL T0_MS SECONDS [wait-first]: requests/s per second in the background; sets SERIES_PID
series() {
	node bench/lib/series.js --url "$4" --t0 "$5" --seconds "$6" --scenario "$1" --case "$2" --run "$3" \
		--threads $WRK_THREADS --connections $CONNECTIONS --out "$RESULTS/curve.csv" --events "$RESULTS/events.csv" \
		--wait-first "$([[ ${7:-} == wait-first ]] && echo 1 || echo 0)" &
	SERIES_PID=$!
}
end_series() { kill -INT "$SERIES_PID" 2>/dev/null || true; wait "$SERIES_PID" || true; }

# ---------------------------------------------------------------- steady state, shared
# The steady-state helpers write a measured round to $WRK_CSV and a warm-up round to $WARM_CSV, with
# $CONNECTIONS connections and the extra wrk arguments of WRK_EXTRA (the steering scenario "cost"
# sets all four for itself).
WRK_CSV=$RESULTS/throughput.csv WARM_CSV=$RESULTS/steady-warmup.csv WRK_EXTRA=()
WRK_RPS=
run_wrk() { # run_wrk ROUND SYSTEM ROUTE SECONDS [record]: sets WRK_RPS
	local out line
	out=$(wrk -t$WRK_THREADS -c$CONNECTIONS -d"$4"s --timeout 5s -s bench/lib/wrk-csv.lua ${WRK_EXTRA[@]+"${WRK_EXTRA[@]}"} \
		"http://127.0.0.1:${PORT_OF[$2]}${PATH_OF[$3]}" 2>&1) || die "wrk failed on $2 $3: $out"
	line=$(grep '^WRKCSV,' <<<"$out") || die "wrk printed no result on $2 $3: $out"
	IFS=, read -r _ dur req ce re we se to p50 p90 p99 max <<<"$line"
	WRK_RPS=$(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.1f", r / (d / 1e6)}')
	[[ ${5:-} == record ]] || return 0
	local errors=$((ce + re + we + se + to))
	echo "$1,$2,$3,$(awk -v d="$dur" 'BEGIN {printf "%.2f", d / 1e6}'),$req,$WRK_RPS,$p50,$p90,$p99,$max,$errors,$ce,$re,$we,$se,$to" >>"$WRK_CSV"
	printf '    %-10s %-6s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$2" "$3" "$WRK_RPS" "$p50" "$p99" "$errors"
}

warm_until_stable() { # warm_until_stable SYSTEM ROUTE: ROUND_S rounds until, after STEADY_MIN_S, two in a row are within STABLE_PCT; at most STEADY_CAP_S
	local system=$1 route=$2 previous= round=0 change stable=0 spent=0
	while :; do
		round=$((round + 1))
		run_wrk 0 "$system" "$route" "$ROUND_S"
		spent=$((spent + ROUND_S))
		change=
		if [[ -n $previous ]] && ((spent > STEADY_MIN_S)); then
			change=$(awk -v a="$previous" -v b="$WRK_RPS" 'BEGIN {if (a > 0) printf "%.1f", 100 * (b - a) / a}')
			[[ -z $change ]] || ! awk -v c="$change" -v m="$STABLE_PCT" 'BEGIN {exit !(c < m && c > -m)}' || stable=1
		fi
		local capped=0
		((stable == 1)) || ((spent + ROUND_S <= STEADY_CAP_S)) || capped=1
		echo "$system,$route,$round,$WRK_RPS,$change,$stable,$capped" >>"$WARM_CSV"
		if ((stable == 1)); then
			log "  $system $route steady after $round rounds of ${ROUND_S} s ($WRK_RPS req/s, ${change} %)"
			return 0
		fi
		if ((capped == 1)); then
			note "$system on $route did not reach a steady state within ${STEADY_CAP_S} s of warm-up (last round $WRK_RPS req/s, ${change:-n/a} %)"
			return 0
		fi
		previous=$WRK_RPS
	done
}

steady_state() { # steady_state ROUTE SYSTEMS...: warm each, then ROUNDS interleaved rounds, the order rotated each round
	local route=$1 n round i
	shift
	local systems=("$@")
	n=${#systems[@]}
	for s in "${systems[@]}"; do warm_until_stable "$s" "$route"; done
	for round in $(seq "$ROUNDS"); do
		for i in $(seq 0 $((n - 1))); do
			run_wrk "$round" "${systems[$(((i + round - 1) % n))]}" "$route" "$ROUND_S" record
		done
	done
}

# ---------------------------------------------------------------- the class-data archive, once
# The first cluster start of a new jar builds the class-data archive while its workers serve; a
# cluster with one worker builds it here, so that every measured start finds it cached and pays
# the same. It also shows whether the jar's standbys appear in /actuator/cluster.
log "preparing the class-data archive (one worker$([[ $HAVE_STANDBY == 1 ]] && echo ', one standby'))"
start prep "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_PREP --cluster.workers=1 "${STANDBY[@]}"
PID_PREP=$LAST_PID
node bench/lib/cluster-status.js up $P_PREP 1 180 || die "the preparing cluster is not up"
wait_cds "$WORK/logs/prep.log" 240
if [[ $HAVE_STANDBY == 1 ]] && ! node bench/lib/cluster-status.js standbys $P_PREP 1 90; then
	HAVE_STANDBY=0 STANDBY=()
	note "the jar knows cluster.standby-workers but /actuator/cluster listed no ready standby within 90 s: the standby scenarios were skipped"
fi
stop "$PID_PREP"
# On JDK 25+ a cluster with a warm-up gets an AOT cache trained on the warm-up's requests and one
# without it an AppCDS archive (docs/class-data-sharing.md): the second is built here.
JAVA_FEATURE=$("$JAVA17" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
if [[ $HAVE_WARMUP == 1 ]] && ((${JAVA_FEATURE:-17} >= 25)); then
	log "preparing the class-data archive of a cluster without warm-up (JDK $JAVA_FEATURE)"
	start prep-cold "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_PREP --cluster.workers=1 "${WARMUP_OFF_ARGS[@]}"
	PID_PREP=$LAST_PID
	node bench/lib/cluster-status.js up $P_PREP 1 180 || die "the preparing cluster is not up"
	wait_cds "$WORK/logs/prep-cold.log" 240
	stop "$PID_PREP"
fi

# ---------------------------------------------------------------- the peers: scenarios A to E
if wants peers; then
	# ---------------------------------------------------------------- A. warm-up curves after start
	# curve_after_start CASE PORT NAME ARGS...: launch, then requests/s each second for CURVE_S from the launch; sets LAST_PID
	curve_after_start() {
		local case=$1 port=$2 name=$3 t0
		shift 3
		t0=$(now_ms)
		start "$name" "$@"
		series start "$case" 1 "http://127.0.0.1:$port/" "$t0" "$CURVE_S" wait-first
		wait "$SERIES_PID" || true
		log "  $case: $(node -e '
	const [file, c] = process.argv.slice(1);
	const rows = require("fs").readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(",")).filter((r) => r[0] === "start" && r[1] === c);
	console.log(`${rows.length} one-second runs, req/s ${rows.map((r) => Math.round(r[6])).join(" ")}`);' "$RESULTS/curve.csv" "$case")"
	}

	scenario A "warm-up curves: requests/s per second for ${CURVE_S} s after the start"
	curve_after_start jvm $P_JVM jvm "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_JVM --cluster.enabled=false
	PID_JVM=$LAST_PID

	MAIN_CASE=cluster-nowarm
	if [[ $HAVE_WARMUP == 1 ]]; then
		MAIN_CASE=cluster-warm
		curve_after_start cluster-nowarm $P_NOWARM cluster-nowarm "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_NOWARM \
			"${CLUSTER_FLAGS[@]}" "${STANDBY[@]}" "${WARMUP_OFF_ARGS[@]}"
		PID_NOWARM=$LAST_PID
	fi

	# ---------------------------------------------------------------- D. rolling restart under saturating load
	# rolling_restart CASE PORT MASTER-PID: wrk -c64 per second from ROLL_PRE_S before SIGUSR1 to the master
	# until ROLL_POST_S after the rollout ended (at least ROLL_MIN_S after the request)
	rolling_restart() {
		local case=$1 port=$2 pid=$3 t0 previous result until
		node bench/lib/cluster-status.js up "$port" 2 120 || die "$case not up before its rolling restart"
		previous=$(node bench/lib/cluster-status.js rollout-started "$port")
		t0=$(($(now_ms) + ROLL_PRE_S * 1000))
		series rolling "$case" 1 "http://127.0.0.1:$port/" "$t0" $((ROLL_PRE_S + ROLL_TIMEOUT_S + ROLL_POST_S + ROLL_MIN_S))
		sleep "$ROLL_PRE_S"
		event rolling "$case" 1 restart "$t0"
		kill -USR1 "$pid" # as SIGHUP, but also under nohup, which leaves SIGHUP ignored in the master
		result=$(node bench/lib/cluster-status.js rollout "$port" "$previous" "$ROLL_TIMEOUT_S") || result="TIMEOUT "
		event rolling "$case" 1 rollout-end "$t0"
		echo "$case,${result%% *},$(cut -d' ' -f2 <<<"$result")" >>"$RESULTS/rollouts.csv"
		log "  $case: rollout ${result:-none}"
		[[ $result == COMPLETED* ]] || note "the rolling restart of $case ended $result"
		until=$(($(date +%s) + ROLL_POST_S))
		(($(now_ms) + ROLL_POST_S * 1000 >= t0 + ROLL_MIN_S * 1000)) || until=$(((t0 / 1000) + ROLL_MIN_S))
		while (($(date +%s) < until)); do sleep 0.5; done
		end_series
	}

	# ---------------------------------------------------------------- E. kill -9
	# kills_idle SYSTEM RECOVER-ARGS...: KILLS_IDLE kills without load
	kills_idle() {
		local system=$1
		shift
		node bench/lib/recover.js "$@" --kills "$KILLS_IDLE" --settle "$SETTLE" --system "$system" --condition idle \
			--timeout $((KILL_TIMEOUT_S * 1000)) --out "$RESULTS/recovery.csv" || note "kills of $system without load failed, see the log"
	}
	# kills_under_load SYSTEM COUNT PORT READY-COMMAND RECOVER-ARGS...: each kill with wrk -c64 from
	# LOAD_PRE_S before it until LOAD_POST_S after the slot serves again; READY-COMMAND (idle) between kills
	kills_under_load() {
		local system=$1 count=$2 port=$3 ready=$4 run t0
		shift 4
		for run in $(seq "$count"); do
			$ready || { note "$system was not ready for kill $run under load"; return 0; }
			sleep "$(awk -v s="$SETTLE" 'BEGIN {print s / 1000}')"
			t0=$(($(now_ms) + LOAD_PRE_S * 1000))
			series kill "$system" "$run" "http://127.0.0.1:$port/" "$t0" $((LOAD_PRE_S + KILL_TIMEOUT_S + LOAD_POST_S + 5))
			sleep "$LOAD_PRE_S"
			node bench/lib/recover.js "$@" --kills 1 --first-kill $((run - 1)) --settle 0 --system "$system" --condition load \
				--timeout $((KILL_TIMEOUT_S * 1000)) --events "$RESULTS/events.csv" --scenario kill --case "$system" --run "$run" --t0 "$t0" \
				--out "$RESULTS/recovery.csv" || note "kill $run of $system under load failed, see the log"
			sleep "$LOAD_POST_S"
			end_series
		done
	}
	ready_cluster() { node bench/lib/cluster-status.js ready "$READY_PORT" 2 "$READY_STANDBYS" 120; }
	ready_node() { sleep 1; } # the Node primary forks a new worker within a fraction of a second

	# cold_kills PORT: kills without standby and without warm-up, idle and under load (the start itself)
	cold_kills() {
		scenario E "kill -9 without standby on port $1: $KILLS_IDLE idle, $KILLS_LOAD_COLD under load"
		kills_idle cluster-cold --mode jvm --port "$1"
		READY_PORT=$1 READY_STANDBYS=0
		kills_under_load cluster-cold "$KILLS_LOAD_COLD" "$1" ready_cluster --mode jvm --port "$1"
	}

	if [[ $HAVE_WARMUP == 1 ]]; then
		scenario D "rolling restart of the cluster without warm-up under wrk -c$CONNECTIONS (tcp_migrate_req=$MIGRATE_SETTING)"
		rolling_restart cluster-nowarm $P_NOWARM "$PID_NOWARM"
		# without standby support this cluster is the one without standby and without warm-up
		[[ $HAVE_STANDBY == 1 ]] || cold_kills $P_NOWARM
		stop "$PID_NOWARM"
	fi

	scenario A "warm-up curve of the cluster $([[ $HAVE_WARMUP == 1 ]] && echo with || echo without) warm-up"
	curve_after_start "$MAIN_CASE" $P_CLUSTER cluster-2 "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_CLUSTER "${CLUSTER_FLAGS[@]}" "${STANDBY[@]}"
	PID_CLUSTER=$LAST_PID
	node bench/lib/cluster-status.js up $P_CLUSTER 2 180 || die "cluster-2 not up"

	# ---------------------------------------------------------------- B. steady state
	echo "round,system,route,duration_s,requests,rps,p50_ms,p90_ms,p99_ms,max_ms,errors,connect_errors,read_errors,write_errors,status_errors,timeouts" >"$RESULTS/throughput.csv"
	echo "system,route,round,rps,change_pct,stable,capped" >"$RESULTS/steady-warmup.csv"
	scenario B "steady state, GET / and GET /locked, one JVM and the cluster of 2, $CONNECTIONS connections"
	steady_state hello jvm cluster-2
	steady_state locked jvm cluster-2

	# ---------------------------------------------------------------- C. memory
	scenario C "memory after the steady state"
	start node-cluster-2 env PORT=$P_NODECL WORKERS=2 node bench/node/cluster.js
	PID_NODECL=$LAST_PID
	wait_http "http://127.0.0.1:$P_NODECL/" 30
	wrk -t1 -c8 -d3s "http://127.0.0.1:$P_NODECL/" >/dev/null 2>&1 || true
	MEMORY_SPECS=("jvm:process:$PID_JVM")
	while read -r role pid; do
		MEMORY_SPECS+=("cluster-2:$role:$pid")
	done < <(node bench/lib/cluster-status.js pids $P_CLUSTER)
	MEMORY_SPECS+=("node-cluster-2:primary:$PID_NODECL:tree")
	echo "system,role,pid,rss_mib,pss_mib" >"$RESULTS/memory.csv"
	node bench/lib/memory.js "${MEMORY_SPECS[@]}" >>"$RESULTS/memory.csv"
	sed 1d "$RESULTS/memory.csv" | sed 's/^/    /'
	stop "$PID_JVM"

	scenario D "rolling restart of the cluster $([[ $HAVE_WARMUP == 1 ]] && echo with || echo without) warm-up under wrk -c$CONNECTIONS (tcp_migrate_req=$MIGRATE_SETTING)"
	rolling_restart "$MAIN_CASE" $P_CLUSTER "$PID_CLUSTER"

	if [[ $HAVE_STANDBY == 1 ]]; then
		scenario E "kill -9 with one standby: $KILLS_IDLE idle, $KILLS_LOAD under load"
		kills_idle cluster-standby --mode jvm --port $P_CLUSTER --standbys 1
		READY_PORT=$P_CLUSTER READY_STANDBYS=1
		kills_under_load cluster-standby "$KILLS_LOAD" $P_CLUSTER ready_cluster --mode jvm --port $P_CLUSTER --standbys 1
		stop "$PID_CLUSTER"
		log "starting a cluster without standby and without warm-up"
		COLD_ARGS=("${STANDBY_OFF_ARGS[@]}")
		[[ $HAVE_WARMUP == 0 ]] || COLD_ARGS+=("${WARMUP_OFF_ARGS[@]}")
		start cluster-cold "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_COLD "${CLUSTER_FLAGS[@]}" "${COLD_ARGS[@]}"
		PID_COLD=$LAST_PID
		node bench/lib/cluster-status.js up $P_COLD 2 180 || die "the cluster without standby is not up"
		cold_kills $P_COLD
		stop "$PID_COLD"
	else
		note "kill -9 with a standby: skipped (no standby support)"
		# without standby and without warm-up support, the main cluster is the one without either
		[[ $HAVE_WARMUP == 1 ]] || cold_kills $P_CLUSTER
		stop "$PID_CLUSTER"
	fi

	scenario E "kill -9 in the Node cluster: $KILLS_IDLE idle, $KILLS_LOAD under load"
	kills_idle node-cluster-2 --mode node --primary "$PID_NODECL" --log "$WORK/logs/node-cluster-2.log"
	kills_under_load node-cluster-2 "$KILLS_LOAD" $P_NODECL ready_node --mode node --primary "$PID_NODECL" --log "$WORK/logs/node-cluster-2.log"
	stop "$PID_NODECL"

	# ---------------------------------------------------------------- report
	if [[ -n $MIGRATE_ORIGINAL ]]; then
		write_sysctl "$MIGRATE_ORIGINAL" || true
	fi
	ELAPSED=$(($(date +%s) - START_EPOCH))
	LOAD_AT_END=$(loadavg)
	echo "$ELAPSED,end,$(tr ' ' , <<<"$LOAD_AT_END")" >>"$LOAD_CSV"
	write_meta "$LOAD_AT_END"
	log "writing the report (load average at the end $LOAD_AT_END)"
	node bench/lib/report.js --results "$RESULTS" --markdown "$RESULTS_MD" --elapsed "$ELAPSED" --plot "$WORK/plot"
	log "done in $(($(date +%s) - START_EPOCH)) s: $RESULTS, $RESULTS_MD"
fi

# ---------------------------------------------------------------- connection steering (issue 20)
if wants_steering; then
	source bench/lib/steering.sh
	steering_scenarios
fi
log "done in $(($(date +%s) - START_EPOCH)) s: ${SELECTED[*]}"
