#!/usr/bin/env bash
# Benchmarks cluster mode against its peers on this machine, in one run:
#   one Spring Boot JVM, the sample app in cluster mode (2 workers and auto), nginx round-robin in
#   front of two single JVMs, a Node.js http server alone and under the cluster module, PM2.
# Scenarios: throughput and latency (wrk), a serialized handler, recovery after kill -9 (JDK 17 and
# 25), rolling restart under load (tcp_migrate_req 1 and 0, and pm2 reload), memory.
#
#   bench/run.sh                  the full run (about 14 minutes on 2 cores); writes bench/results/
#                                 (CSV, PNG) and the generated part of bench/RESULTS.md
#   BENCH_QUICK=1 bench/run.sh    every scenario with tiny durations (under 4 minutes) to check the
#                                 pipeline; writes to bench/out/quick/ and leaves the results alone
#
# Other settings: BENCH_SKIP_BUILD=1 (use the jar as built), BENCH_CPU_ITERATIONS (default 10000),
# BENCH_JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), BENCH_PORT_BASE (default 18100,
# uses the next 20 ports). Load goes only to 127.0.0.1. Needs root or sudo only to install packages
# and to switch net.ipv4.tcp_migrate_req (restored on exit).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
START_EPOCH=$(date +%s)
QUICK=${BENCH_QUICK:-0}
CPU_ITER=${BENCH_CPU_ITERATIONS:-10000}
JAVA17=${BENCH_JAVA17:-java}
JAVA25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
BASE=${BENCH_PORT_BASE:-18100}
CONNECTIONS=64
WRK_THREADS=2
ROLL_PACE_MS=10 # rolling restarts: each connection pauses 10 ms between requests, as the project's loss benchmark does

if [[ $QUICK == 1 ]]; then
	WARM=1 WARM_ALL=2 DUR=2 ROUNDS=1 KILLS=2 TL_PRE=2 TL_POST=6 ROLLS=1 ROLL_PRE=2 ROLL_POST=2 ROLL_SETTLE=1 SETTLE=1500
	RESULTS=$ROOT/bench/out/quick/results
	RESULTS_MD=$ROOT/bench/out/quick/RESULTS.md
	mkdir -p "$(dirname "$RESULTS_MD")"
	cp "$ROOT/bench/RESULTS.md" "$RESULTS_MD"
else
	# WARM_ALL: every JVM system under load together before the first measured run (JIT
	# compilation of the hot paths, which each worker JVM does again for itself); WARM: each system
	# alone right before its runs
	WARM=2 WARM_ALL=30 DUR=4 ROUNDS=3 KILLS=10 TL_PRE=4 TL_POST=8 ROLLS=1 ROLL_PRE=5 ROLL_POST=3 ROLL_SETTLE=5 SETTLE=1500
	RESULTS=$ROOT/bench/results
	RESULTS_MD=$ROOT/bench/RESULTS.md
fi
WORK=$ROOT/bench/out/run
JAR=$ROOT/sample-app/target/sample-app.jar
NPM_PREFIX=$ROOT/bench/out/npm
PM2=$NPM_PREFIX/node_modules/.bin/pm2
export PM2_HOME=$WORK/pm2-home

P_JVM=$((BASE + 1)) P_CLUSTER=$((BASE + 2)) P_AUTO=$((BASE + 3)) P_NGINX=$((BASE + 4))
P_BACK1=$((BASE + 5)) P_BACK2=$((BASE + 6)) P_NODE=$((BASE + 7)) P_NODECL=$((BASE + 8))
P_PM2=$((BASE + 9)) P_CLUSTER25=$((BASE + 10))

rm -rf "$WORK" "$RESULTS"
mkdir -p "$WORK/logs" "$RESULTS"
exec > >(tee "$WORK/run.log") 2>&1

log() { printf '[%s +%3ds] %s\n' "$(date +%T)" $(($(date +%s) - START_EPOCH)) "$*"; }
die() { log "FAILED: $*"; exit 1; }

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
	if [[ -d $PM2_HOME ]]; then
		"$PM2" kill >/dev/null 2>&1 # only the daemon of this run's PM2_HOME
	fi
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

# start NAME PORT-OR-EMPTY CMD...: start in a session of its own (so that its children can be
# stopped with it), output to the logs directory; sets LAST_PID
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
install_missing() {
	local packages=()
	command -v wrk >/dev/null || packages+=(wrk)
	command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || packages+=(nginx)
	command -v gnuplot >/dev/null || packages+=(gnuplot-nox)
	command -v curl >/dev/null || packages+=(curl)
	command -v node >/dev/null || packages+=(nodejs)
	command -v npm >/dev/null || packages+=(npm)
	if ((${#packages[@]} > 0)); then
		[[ $(id -u) == 0 || -n $SUDO ]] || die "missing ${packages[*]}: install them (apt-get install ${packages[*]}) or run as root"
		log "installing from Debian: ${packages[*]}"
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >"$WORK/logs/apt.log" 2>&1 ||
			die "apt-get install failed, see $WORK/logs/apt.log"
	fi
	if [[ ! -x $PM2 ]]; then
		log "installing pm2 from npm into $NPM_PREFIX"
		mkdir -p "$NPM_PREFIX"
		npm install --prefix "$NPM_PREFIX" --no-audit --no-fund --loglevel=error pm2@7 >"$WORK/logs/npm.log" 2>&1 ||
			die "npm install pm2 failed, see $WORK/logs/npm.log"
	fi
}

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
install_missing
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for port in $(seq $((BASE + 1)) $((BASE + 10))); do
	port_free "$port" || die "port $port is in use; set BENCH_PORT_BASE to a free range"
done

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
	log "building the sample app"
	./mvnw -q -DskipTests package -pl sample-app -am >"$WORK/logs/build.log" 2>&1 || die "build failed, see $WORK/logs/build.log"
fi
[[ -f $JAR ]] || die "$JAR is missing"
HAVE_JDK25=1
[[ -x $JAVA25 ]] || { HAVE_JDK25=0; log "no JDK 25 at $JAVA25: recovery runs on JDK 17 only"; }

# ---------------------------------------------------------------- tcp_migrate_req
MIGRATE_NOTE=
if [[ -r $MIGRATE_FILE ]]; then
	MIGRATE_ORIGINAL=$(cat "$MIGRATE_FILE")
	if write_sysctl "$MIGRATE_ORIGINAL"; then
		MIGRATE_SETTINGS="1 0"
	else
		MIGRATE_SETTINGS=$MIGRATE_ORIGINAL
		MIGRATE_NOTE="net.ipv4.tcp_migrate_req could not be changed (not root): rolling restarts ran with it at $MIGRATE_ORIGINAL only"
	fi
else
	MIGRATE_SETTINGS=none
	MIGRATE_NOTE="this kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+): rolling restarts ran without it"
fi
[[ -z $MIGRATE_NOTE ]] || log "$MIGRATE_NOTE"

# ---------------------------------------------------------------- what was measured on
JAVA17_VERSION=$("$JAVA17" -version 2>&1 | head -1)
JAVA25_VERSION=$([[ $HAVE_JDK25 == 1 ]] && "$JAVA25" -version 2>&1 | head -1 || echo none)
M_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) M_COMMAND="$([[ $QUICK == 1 ]] && echo 'BENCH_QUICK=1 ')bench/run.sh" \
M_CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo) M_KERNEL="$(uname -sr) ($(uname -m))" \
M_LOAD=$(cut -d' ' -f1-3 /proc/loadavg) M_JAVA17=$JAVA17_VERSION M_JAVA25=$JAVA25_VERSION \
M_NGINX=$("$NGINX" -v 2>&1 | sed 's/.*nginx\///') M_WRK=$(wrk -v 2>&1 | head -1 | awk '{print $2}') \
M_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) M_MIGRATE_ORIGINAL=${MIGRATE_ORIGINAL:-none} \
M_MIGRATE_SETTINGS=$MIGRATE_SETTINGS M_NOTES=$MIGRATE_NOTE M_QUICK=$QUICK M_CPU_ITER=$CPU_ITER \
M_CONNECTIONS=$CONNECTIONS M_WRK_THREADS=$WRK_THREADS M_WARM=$WARM M_DUR=$DUR M_ROUNDS=$ROUNDS M_KILLS=$KILLS \
M_ROLLS=$ROLLS M_ROLL_PACE=$ROLL_PACE_MS M_WARM_ALL=$WARM_ALL M_HEAP=${BENCH_JVM_HEAP:--Xmx512m} M_PM2=$NPM_PREFIX/node_modules/pm2/package.json node -e '
const e = process.env;
const meta = {
  date: e.M_DATE, quick: e.M_QUICK === "1", command: e.M_COMMAND, nproc: require("os").availableParallelism(),
  memTotalKiB: Math.round(require("os").totalmem() / 1024), cpu: e.M_CPU, kernel: e.M_KERNEL, loadAverageAtStart: e.M_LOAD,
  java17: e.M_JAVA17, java25: e.M_JAVA25, node: process.version, nginx: e.M_NGINX, wrk: e.M_WRK,
  pm2: require(e.M_PM2).version, gitCommit: e.M_COMMIT, cpuIterations: Number(e.M_CPU_ITER),
  connections: Number(e.M_CONNECTIONS), wrkThreads: Number(e.M_WRK_THREADS),
  jvmHeap: e.M_HEAP,
  durations: { warmupTogetherS: Number(e.M_WARM_ALL), warmupS: Number(e.M_WARM), runS: Number(e.M_DUR), rounds: Number(e.M_ROUNDS), kills: Number(e.M_KILLS), rollouts: Number(e.M_ROLLS) },
  rollingPaceMs: Number(e.M_ROLL_PACE),
  tcpMigrateReqOriginal: e.M_MIGRATE_ORIGINAL, tcpMigrateReqSettings: e.M_MIGRATE_SETTINGS, notes: e.M_NOTES,
};
console.log(JSON.stringify(meta, null, 2));' >"$RESULTS/meta.json"

# ---------------------------------------------------------------- start the systems of scenarios 1, 2, 5
log "starting the systems (ports $((BASE + 1)) to $((BASE + 10)))"
# Every JVM gets the same heap limit, as a deployment would set one: with the JVM's default (a
# quarter of the machine's memory) heaps grow with load and RSS reflects GC ergonomics, not design.
JVM_HEAP=${BENCH_JVM_HEAP:--Xmx512m}
JVM_FLAGS=("$JVM_HEAP" -jar "$JAR")
CLUSTER_FLAGS=(--cluster.restart.stable-after=1s)
start cluster-2 "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_CLUSTER --cluster.workers=2 "${CLUSTER_FLAGS[@]}"
PID_CLUSTER=$LAST_PID
start jvm "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_JVM --cluster.enabled=false
PID_JVM=$LAST_PID
start backend-1 "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_BACK1 --cluster.enabled=false
PID_BACK1=$LAST_PID
start backend-2 "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_BACK2 --cluster.enabled=false
PID_BACK2=$LAST_PID
start node env PORT=$P_NODE node bench/node/server.js
PID_NODE=$LAST_PID
start node-cluster-2 env PORT=$P_NODECL WORKERS=2 node bench/node/cluster.js
PID_NODECL=$LAST_PID

mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
# nginx round-robin in front of two single JVMs, as Java shops set it up by hand.
worker_processes auto;
pid $WORK/nginx/nginx.pid;
daemon off;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	$("$NGINX" -V 2>&1 | grep -q without-http_fastcgi_module || echo "fastcgi_temp_path $WORK/nginx/fastcgi;")
	$("$NGINX" -V 2>&1 | grep -q without-http_uwsgi_module || echo "uwsgi_temp_path $WORK/nginx/uwsgi;")
	$("$NGINX" -V 2>&1 | grep -q without-http_scgi_module || echo "scgi_temp_path $WORK/nginx/scgi;")
	upstream jvms {
		server 127.0.0.1:$P_BACK1;
		server 127.0.0.1:$P_BACK2;
		keepalive 64;
	}
	server {
		listen 127.0.0.1:$P_NGINX;
		location / {
			proxy_pass http://jvms;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
		}
	}
}
EOF
start nginx "$NGINX" -e "$WORK/logs/nginx-error.log" -c "$WORK/nginx/nginx.conf"
PID_NGINX=$LAST_PID

wait_http "http://127.0.0.1:$P_CLUSTER/" 180
node bench/lib/cluster-status.js up $P_CLUSTER 2 180 || die "cluster-2 not up"
wait_cds "$WORK/logs/cluster-2.log" 240
# Started once cluster-2 has prepared the class-data archive, so that it finds the archive cached.
start cluster-auto "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_AUTO --cluster.workers=auto "${CLUSTER_FLAGS[@]}"
PID_AUTO=$LAST_PID
for url in "http://127.0.0.1:$P_JVM/" "http://127.0.0.1:$P_NGINX/" "http://127.0.0.1:$P_NODE/" "http://127.0.0.1:$P_NODECL/" "http://127.0.0.1:$P_AUTO/"; do
	wait_http "$url" 180
done
AUTO_WORKERS=$(nproc)
node bench/lib/cluster-status.js up $P_AUTO "$AUTO_WORKERS" 180 || die "cluster-auto not up"
wait_cds "$WORK/logs/cluster-auto.log" 240
curl -fsS "http://127.0.0.1:$P_AUTO/actuator/cluster" >"$WORK/cluster-auto-status.json"
log "all systems up (cluster auto = $AUTO_WORKERS workers)"

declare -A PORT_OF=([jvm]=$P_JVM [cluster-2]=$P_CLUSTER [cluster-auto]=$P_AUTO [nginx-2jvm]=$P_NGINX
	[node]=$P_NODE [node-cluster-2]=$P_NODECL)
declare -A PATH_OF=([hello]=/ [cpu]="/cpu?iterations=$CPU_ITER" [locked]="/locked?iterations=$CPU_ITER")

# ---------------------------------------------------------------- scenario 1 and 2: wrk, interleaved
echo "round,system,route,duration_s,requests,rps,p50_ms,p90_ms,p99_ms,max_ms,errors,connect_errors,read_errors,write_errors,status_errors,timeouts" >"$RESULTS/throughput.csv"
run_wrk() { # run_wrk ROUND SYSTEM ROUTE SECONDS [record]
	local out line
	out=$(wrk -t$WRK_THREADS -c$CONNECTIONS -d"$4"s --timeout 5s -s bench/lib/wrk-csv.lua \
		"http://127.0.0.1:${PORT_OF[$2]}${PATH_OF[$3]}" 2>&1) || die "wrk failed on $2 $3: $out"
	line=$(grep '^WRKCSV,' <<<"$out") || die "wrk printed no result on $2 $3: $out"
	[[ ${5:-} == record ]] || return 0
	IFS=, read -r _ dur req ce re we se to p50 p90 p99 max <<<"$line"
	local rps errors
	rps=$(awk -v r="$req" -v d="$dur" 'BEGIN {printf "%.1f", r / (d / 1e6)}')
	errors=$((ce + re + we + se + to))
	echo "$1,$2,$3,$(awk -v d="$dur" 'BEGIN {printf "%.2f", d / 1e6}'),$req,$rps,$p50,$p90,$p99,$max,$errors,$ce,$re,$we,$se,$to" >>"$RESULTS/throughput.csv"
	printf '    %-15s %-6s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$2" "$3" "$rps" "$p50" "$p99" "$errors"
}

warm_together() { # warm_together ROUTE SECONDS SYSTEMS...: light load on every JVM system at once
	local route=$1 seconds=$2 s pids=()
	shift 2
	for s in "$@"; do
		[[ $s == node* ]] && continue # V8 warms up in well under a second
		wrk -t1 -c8 -d"$seconds"s --timeout 5s "http://127.0.0.1:${PORT_OF[$s]}${PATH_OF[$route]}" >/dev/null 2>&1 &
		pids+=($!)
	done
	((${#pids[@]} == 0)) || wait "${pids[@]}"
}

interleave() { # interleave "ROUTES" "SYSTEMS": warm up together, then each, then ROUNDS rounds, the order rotated each round
	local routes=($1) systems=($2) n round route i
	n=${#systems[@]}
	for route in "${routes[@]}"; do
		warm_together "$route" "$WARM_ALL" "${systems[@]}"
		for s in "${systems[@]}"; do run_wrk 0 "$s" "$route" "$WARM"; done
	done
	for round in $(seq "$ROUNDS"); do
		log "  round $round of $ROUNDS"
		for route in "${routes[@]}"; do
			for i in $(seq 0 $((n - 1))); do
				run_wrk "$round" "${systems[$(((i + round - 1) % n))]}" "$route" "$DUR" record
			done
		done
	done
}

log "scenario 1: throughput and latency, $CONNECTIONS connections, ${DUR}s per run, $ROUNDS rounds"
interleave "hello cpu" "jvm cluster-2 cluster-auto nginx-2jvm node node-cluster-2"
log "scenario 2: the serialized handler"
interleave "locked" "jvm cluster-2 nginx-2jvm"

# ---------------------------------------------------------------- scenario 5: memory after warm-up
log "scenario 5: memory after warm-up"
echo "system,role,pid,rss_mib,pss_mib" >"$RESULTS/memory.csv"
node bench/lib/memory.js "jvm:process:$PID_JVM" "cluster-2:master:$PID_CLUSTER:tree" "cluster-auto:master:$PID_AUTO:tree" \
	"nginx-2jvm:nginx:$PID_NGINX:tree" "nginx-2jvm:backend:$PID_BACK1" "nginx-2jvm:backend:$PID_BACK2" \
	"node:process:$PID_NODE" "node-cluster-2:primary:$PID_NODECL:tree" >>"$RESULTS/memory.csv"
sed 1d "$RESULTS/memory.csv" | sed 's/^/    /'

stop "$PID_JVM"
stop "$PID_AUTO"
stop "$PID_NGINX"
stop "$PID_BACK1"
stop "$PID_BACK2"
stop "$PID_NODE"

# ---------------------------------------------------------------- scenario 3: recovery after kill -9
echo "system,kill,slot,old_pid,new_pid,seconds,class_data_sharing" >"$RESULTS/recovery.csv"
echo "scenario,case,run,t_s,ok,non200,errors" >"$RESULTS/timeline.csv"
: >"$RESULTS/loads.jsonl"

timeline_kill() { # timeline_kill CASE URL RECOVER-ARGS...: one kill under load, counted per 250 ms
	local name=$1 url=$2 load
	shift 2
	node bench/lib/load.js --url "$url" --connections $CONNECTIONS --duration $((TL_PRE + TL_POST + 120)) \
		--scenario recovery --case "$name" --timeline "$RESULTS/timeline.csv" --summary "$RESULTS/loads.jsonl" >/dev/null &
	load=$!
	sleep "$TL_PRE"
	node bench/lib/recover.js "$@" --kills 1 --settle 0 --mark-pid "$load" --out "$WORK/timeline-kills.csv" ||
		log "WARNING: the worker killed under load on $name was not UP again in time; its timeline shows what happened"
	sleep "$TL_POST"
	kill -INT $load
	wait $load || true
}

# The kill under load comes first, on warm workers: a worker replaced by a kill without load
# starts with a cold JIT, which would depress the rate before the next kill.
log "scenario 3: recovery after kill -9 on JDK 17: one under load, then $KILLS without"
timeline_kill cluster-jdk17 "http://127.0.0.1:$P_CLUSTER${PATH_OF[cpu]}" --mode jvm --port $P_CLUSTER --system cluster-jdk17
node bench/lib/recover.js --mode jvm --port $P_CLUSTER --kills "$KILLS" --settle "$SETTLE" --system cluster-jdk17 \
	--out "$RESULTS/recovery.csv" || die "recovery on JDK 17 failed"

if [[ $HAVE_JDK25 == 1 ]]; then
	log "scenario 3: recovery on JDK 25"
	start cluster-jdk25 "$JAVA25" "${JVM_FLAGS[@]}" --server.port=$P_CLUSTER25 --cluster.workers=2 "${CLUSTER_FLAGS[@]}"
	PID_CLUSTER25=$LAST_PID
	node bench/lib/cluster-status.js up $P_CLUSTER25 2 180 || die "cluster on JDK 25 not up"
	wait_cds "$WORK/logs/cluster-jdk25.log" 240
	PORT_OF[cluster-jdk25]=$P_CLUSTER25
	run_wrk 0 cluster-jdk25 cpu $((WARM_ALL / 2)) # about as warm as cluster-2 after scenario 1
	timeline_kill cluster-jdk25 "http://127.0.0.1:$P_CLUSTER25${PATH_OF[cpu]}" --mode jvm --port $P_CLUSTER25 --system cluster-jdk25
	node bench/lib/recover.js --mode jvm --port $P_CLUSTER25 --kills "$KILLS" --settle "$SETTLE" --system cluster-jdk25 \
		--out "$RESULTS/recovery.csv" || die "recovery on JDK 25 failed"
	stop "$PID_CLUSTER25"
fi

log "scenario 3: recovery of the Node cluster"
timeline_kill node-cluster-2 "http://127.0.0.1:$P_NODECL${PATH_OF[cpu]}" --mode node --primary "$PID_NODECL" \
	--log "$WORK/logs/node-cluster-2.log" --system node-cluster-2
node bench/lib/recover.js --mode node --primary "$PID_NODECL" --log "$WORK/logs/node-cluster-2.log" --kills "$KILLS" \
	--settle "$SETTLE" --system node-cluster-2 --out "$RESULTS/recovery.csv" || die "Node cluster recovery failed"
stop "$PID_NODECL"

# ---------------------------------------------------------------- scenario 4: rolling restart under load
under_load() { # under_load CASE RUN TRIGGER-FUNCTION: paced load on hello, mark, trigger (blocks until done), mark
	local name=$1 run=$2 trigger=$3 load
	node bench/lib/load.js --url "http://127.0.0.1:$PORT${PATH_OF[hello]}" --connections $CONNECTIONS --pace $ROLL_PACE_MS \
		--duration $((ROLL_PRE + ROLL_POST + 180)) --scenario rolling --case "$name" --run "$run" \
		--timeline "$RESULTS/timeline.csv" --summary "$RESULTS/loads.jsonl" >"$WORK/load-$name-$run.json" &
	load=$!
	sleep "$ROLL_PRE"
	kill -USR1 $load
	$trigger || { kill $load; die "$trigger failed for $name"; }
	kill -USR1 $load
	sleep "$ROLL_POST"
	kill -INT $load
	wait $load || true
	node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const [b, d] = s.phases;
		console.log(`    ${s.case} run ${s.run}: ${s.ok + s.non200 + s.errors} requests, ${s.non200 + s.errors} failed; p99 ${b.p99Ms} ms before, ${d.p99Ms} ms during (${d.seconds} s)`)' \
		"$WORK/load-$name-$run.json"
}

cluster_rollout() {
	local previous result
	previous=$(node bench/lib/cluster-status.js rollout-started $P_CLUSTER)
	kill -HUP "$PID_CLUSTER"
	result=$(node bench/lib/cluster-status.js rollout $P_CLUSTER "$previous" 180) || return 1
	[[ $result == COMPLETED* ]] || { log "rollout ended: $result"; return 1; }
}

pm2_reload() { "$PM2" reload bench-node >"$WORK/logs/pm2-reload.log" 2>&1; }

log "scenario 4: rolling restart under load, $ROLLS per setting"
PORT=$P_CLUSTER
for setting in $MIGRATE_SETTINGS; do
	if [[ $setting != none ]]; then
		write_sysctl "$setting" || die "could not set tcp_migrate_req=$setting"
	fi
	# settle: the workers replaced by the previous rollout finish compiling
	sleep "$ROLL_SETTLE"
	for run in $(seq "$ROLLS"); do
		under_load "cluster-migrate-$setting" "$run" cluster_rollout
		sleep "$ROLL_SETTLE"
	done
done
if [[ -n $MIGRATE_ORIGINAL ]]; then
	write_sysctl "$MIGRATE_ORIGINAL" || true
fi
stop "$PID_CLUSTER"

log "scenario 4: pm2 reload under load"
PORT=$P_PM2 "$PM2" start bench/node/ecosystem.config.js >"$WORK/logs/pm2-start.log" 2>&1 || die "pm2 start failed"
wait_http "http://127.0.0.1:$P_PM2/" 60
PORT_OF[pm2-2]=$P_PM2
run_wrk 0 pm2-2 hello "$WARM"
PORT=$P_PM2
for run in $(seq "$ROLLS"); do
	under_load pm2-reload "$run" pm2_reload
	sleep "$ROLL_SETTLE"
done
"$PM2" kill >/dev/null 2>&1 || true

# ---------------------------------------------------------------- report
ELAPSED=$(($(date +%s) - START_EPOCH))
log "writing the report"
node bench/lib/report.js --results "$RESULTS" --markdown "$RESULTS_MD" --elapsed "$ELAPSED" \
	--load-at-end "$(cut -d' ' -f1-3 /proc/loadavg)" --plot "$WORK/plot"
log "done in $(($(date +%s) - START_EPOCH)) s: $RESULTS, $RESULTS_MD"
