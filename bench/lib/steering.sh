# shellcheck shell=bash
# The connection-steering scenarios of bench/run.sh (issue 20), sourced by it after its common setup
# (the quiet-machine check, the cleanup trap, the tools, the build, the class-data archive), whose
# helpers they use: start, stop, log, note, wait_http, write_sysctl, run_wrk, steady_state. What each
# scenario measures, its knobs and their defaults: the top of bench/run.sh. Each writes
# $RESULTS/steering-<scenario>.csv, a row of $RESULTS/steering-meta.csv (when, on which commit, the
# `uptime` at its start), and steering_report turns them into the generated part of RESULTS.md
# between <!-- steering:begin --> and <!-- steering:end -->.

S_BASE=$((BASE + 20))
P_PAUSE_OFF=$((S_BASE + 1)) P_PAUSE_LOAD=$((S_BASE + 2)) P_PAUSE_NODE=$((S_BASE + 3)) P_PAUSE_GUNICORN=$((S_BASE + 4))
P_MIX_OFF=$((S_BASE + 5)) P_MIX_LOAD=$((S_BASE + 6)) P_MIX_NGINX=$((S_BASE + 7)) P_MIX_JVM_A=$((S_BASE + 8)) P_MIX_JVM_B=$((S_BASE + 9))
P_LEAVE=$((S_BASE + 10)) P_MIX_LEAST=$((S_BASE + 11))

# Every cluster of these scenarios: 2 workers, no standby, no warm-up (as bench/pause-by-hand.sh ran
# them), so that a start takes seconds and nothing but the steering mode differs between two clusters.
STEER_FLAGS=(--cluster.workers=2)
[[ $HAVE_STANDBY == 0 ]] || STEER_FLAGS+=("${STANDBY_OFF_ARGS[@]}")
[[ $HAVE_WARMUP == 0 ]] || STEER_FLAGS+=("${WARMUP_OFF_ARGS[@]}")
MIX="9*/locked?iterations=$MIX_SHORT,1*/locked?iterations=$MIX_LONG"
STEER_META=$RESULTS/steering-meta.csv
PID_MIX_OFF= PID_MIX_LOAD= PID_MIX_LEAST=

# ---------------------------------------------------------------- bookkeeping
STEER_NOTE0=0 # the notes of the scenario that runs are NOTES from this index on
steer_note() { note "$1"; }
steer_begin() { # steer_begin SCENARIO TEXT: the start of a scenario, with the machine's `uptime` then
	STEER_T0=$(date +%s)
	STEER_UPTIME=$(uptime)
	STEER_LOAD0=$(loadavg)
	STEER_NOTE0=${#NOTES[@]}
	scenario "$1" "$2"
	log "  uptime: $STEER_UPTIME"
}
# the knobs of bench/run.sh, as each scenario's row of steering-meta.csv records them for the report
STEER_KNOBS=(PAUSE_ROUNDS PAUSE_WARM_S BLOCK_WARM_S PAUSE_BEFORE_S PAUSE_S PAUSE_AFTER_S PAUSE_CLIENTS BLOCK_THREADS MIX_CELLS MIX_ROUNDS
	MIX_WARM_S MIX_S MIX_LONG MIX_SHORT COST_ROUND_S COST_ROUNDS COST_MIN_S COST_CAP_S COST_NEW_CLIENTS EXCLUSION_RUNS LEAVE_RESTARTS
	LEAVE_CLIENTS LEAVE_PRE_S LEAVE_GAP_S CONNECTIONS STABLE_PCT JVM_HEAP)
steer_end() { # steer_end SCENARIO: its row of steering-meta.csv, replacing the one of an earlier run
	local header="scenario,started_utc,elapsed_s,commit,command,machine,nproc,uptime_at_start,load_at_start,load_at_end,notes,settings,cpu,kernel"
	local settings=() knob
	for knob in "${STEER_KNOBS[@]}"; do settings+=("$knob=${!knob-}"); done
	local quote='s/"/""/g' row command=bench/run.sh machine=busy
	[[ $FORCE != 1 ]] || command="BENCH_FORCE=1 $command"
	[[ $QUICK != 1 ]] || command="BENCH_QUICK=1 $command"
	[[ $QUIET != 1 ]] || machine=quiet
	row="$1,$(date -u -d "@$STEER_T0" +%Y-%m-%dT%H:%M:%SZ),$(($(date +%s) - STEER_T0)),$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	row+=",\"$command${RUN_ARGS:+ $RUN_ARGS}\",$machine,$(nproc),\"$(sed "$quote" <<<"$STEER_UPTIME")\",$STEER_LOAD0,$(loadavg)"
	row+=",\"$(printf '%s. ' "${NOTES[@]:STEER_NOTE0}" | sed "$quote; s/\. $//")\",\"$(IFS=';'; echo "${settings[*]}")\""
	row+=",\"$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo | sed "$quote")\",\"$(uname -sr) ($(uname -m))\""
	{
		echo "$header"
		[[ ! -f $STEER_META ]] || sed 1d "$STEER_META" | grep -v "^$1,"
		echo "$row"
	} >"$STEER_META.new" || true
	mv "$STEER_META.new" "$STEER_META"
}

# ---------------------------------------------------------------- the systems
# start_cluster NAME PORT MODE ARGS...: the sample with 2 workers and cluster.steering.mode=MODE (and
# ARGS), until both workers are UP and the steering has settled; sets LAST_PID
start_cluster() {
	local name=$1 port=$2 mode=$3 state pid
	shift 3
	start "$name" "$JAVA17" "${JVM_FLAGS[@]}" --server.port="$port" "${STEER_FLAGS[@]}" --cluster.steering.mode="$mode" "$@"
	pid=$LAST_PID
	node bench/lib/cluster-status.js up "$port" 2 180 || die "$name is not up within 180 s"
	state=$(node bench/lib/cluster-status.js steering "$port" 30) || die "$name: /actuator/cluster shows no settled steering within 30 s"
	log "  $name (pid $pid) up, steering $state"
	[[ $state == "${mode^^} $([[ $mode == off ]] && echo OFF || echo ACTIVE)" ]] ||
		steer_note "$name ran with its steering $state, not ${mode^^} $([[ $mode == off ]] && echo OFF || echo ACTIVE): its figures are not those of mode $mode"
	LAST_PID=$pid
}
cluster_worker() { # cluster_worker PORT SLOT: the pid of the worker serving that slot
	node bench/lib/cluster-status.js pids "$1" | awk '$1 == "worker" {print $2}' | sed -n "$2p"
}
child_pid() { # child_pid PARENT N: the Nth oldest child of PARENT (a Node or Gunicorn worker), waiting for it
	local pid i
	for i in $(seq 40); do
		pid=$(pgrep -P "$1" | sort -n | sed -n "$2p")
		[[ -z $pid ]] || { echo "$pid"; return 0; }
		sleep 0.25
	done
	return 1
}

# ---------------------------------------------------------------- pause and blocked
# One system at a time, started for the round, paused (pause) and then blocked (blocked), stopped.
PAUSE_HEADER="system,clients,before_rps,pause_rps,pause_ratio,failed,max_failed_per_client,after_rps,action,park_threads,parked,fill_ms,failure_kinds,round,park_answers"
pause_system() { # pause_system SYSTEM ROUND
	local system=$1 round=$2 port pid target threads=1 warm=$PAUSE_WARM_S
	case $system in
	off | load | least)
		# one system runs at a time, so load and least share a port
		port=$([[ $system == off ]] && echo $P_PAUSE_OFF || echo $P_PAUSE_LOAD)
		start_cluster "pause-$system-$round" "$port" "$system" --server.tomcat.threads.max="$BLOCK_THREADS"
		pid=$LAST_PID threads=$BLOCK_THREADS
		target=$(cluster_worker "$port" 2)
		;;
	node)
		port=$P_PAUSE_NODE
		start "pause-node-$round" env PORT=$port WORKERS=2 node bench/node/cluster.js
		pid=$LAST_PID
		wait_http "http://127.0.0.1:$port/" 30
		target=$(child_pid "$pid" 2) || die "the Node cluster has no second worker"
		;;
	gunicorn)
		port=$P_PAUSE_GUNICORN
		start "pause-gunicorn-$round" gunicorn -w 2 -b "127.0.0.1:$port" --chdir bench/gunicorn app:app
		pid=$LAST_PID
		wait_http "http://127.0.0.1:$port/" 30
		target=$(child_pid "$pid" 2) || die "Gunicorn has no second worker"
		;;
	esac
	[[ -n $target ]] || die "no second worker of $system"
	local common=(--port "$port" --pid "$target" --system "$system" --round "$round" --clients "$PAUSE_CLIENTS" --timeout 2000
		--before "$PAUSE_BEFORE_S" --pause "$PAUSE_S" --after "$PAUSE_AFTER_S")
	if wants pause; then
		log "  $system, round $round: worker pid $target SIGSTOPped for $PAUSE_S s after $warm s of load"
		node bench/lib/pause.js "${common[@]}" --warm "$warm" --out "$RESULTS/steering-pause.csv" | sed 's/^/    /'
		warm=$BLOCK_WARM_S
	fi
	if wants blocked && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/park?millis=0") != 200 ]]; then
		steer_note "$system has no GET /park (a sample jar built before it?): blocked skipped for it"
	elif wants blocked; then
		log "  $system, round $round: the $threads request thread(s) of worker pid $target parked for $PAUSE_S s after $warm s of load"
		node bench/lib/pause.js "${common[@]}" --warm "$warm" --action park --park-threads "$threads" \
			--out "$RESULTS/steering-blocked.csv" | sed 's/^/    /'
	fi
	stop "$pid"
}

steer_pause() {
	local name=pause text="SIGSTOPped" systems=(off load least node gunicorn) round i
	if ! wants pause; then
		name=blocked text="with its request threads parked"
	elif wants blocked; then
		name=pause+blocked text="SIGSTOPped, then with its request threads parked,"
	fi
	steer_begin "$name" "one of 2 workers $text for $PAUSE_S s, $PAUSE_CLIENTS clients on new connections; $PAUSE_ROUNDS round(s) of ${systems[*]}"
	! wants pause || echo "$PAUSE_HEADER" >"$RESULTS/steering-pause.csv"
	! wants blocked || echo "$PAUSE_HEADER" >"$RESULTS/steering-blocked.csv"
	for round in $(seq "$PAUSE_ROUNDS"); do
		for i in "${!systems[@]}"; do
			pause_system "${systems[$(((i + round - 1) % ${#systems[@]}))]}" "$round"
		done
	done
	! wants pause || steer_end pause
	! wants blocked || steer_end blocked
}

# ---------------------------------------------------------------- mixed
nginx_conf() { # nginx_conf: least_conn over the two single JVMs, everything under $WORK/nginx
	mkdir -p "$WORK/nginx"
	cat >"$WORK/nginx/nginx.conf" <<-EOF
		# bench/lib/steering.sh: nginx least_conn in front of two single JVMs of the sample
		worker_processes 1;
		daemon off;
		pid $WORK/nginx/nginx.pid;
		error_log $WORK/logs/nginx-error.log warn;
		events { worker_connections 4096; }
		http {
		    access_log off;
		    client_body_temp_path $WORK/nginx/body;
		    proxy_temp_path $WORK/nginx/proxy;
		    fastcgi_temp_path $WORK/nginx/fastcgi;
		    uwsgi_temp_path $WORK/nginx/uwsgi;
		    scgi_temp_path $WORK/nginx/scgi;
		    upstream jvms {
		        least_conn;
		        server 127.0.0.1:$P_MIX_JVM_A;
		        server 127.0.0.1:$P_MIX_JVM_B;
		        keepalive 32;
		    }
		    server {
		        listen 127.0.0.1:$P_MIX_NGINX;
		        location / {
		            proxy_pass http://jvms;
		            proxy_http_version 1.1;
		            proxy_set_header Connection "";
		            # which JVM answered, for bench/lib/placement.js
		            add_header X-Upstream \$upstream_addr;
		        }
		    }
		}
	EOF
}

# mixed_run ROUND CELL SYSTEM PORT FRESH CLIENTS SECONDS [warm]: load.js with the mix; appends a CSV row unless warm
mixed_run() {
	local json
	json=$(node bench/lib/load.js --url "http://127.0.0.1:$4/" --connections "$6" --fresh "$5" --mix "$MIX" --placement 1 \
		--duration "$7" --warmup 1 --timeout 10000 --scenario mixed --case "$3" --run "$1")
	[[ ${8:-} != warm ]] || return 0
	node -e '
const [json, round, cell, system, fresh, clients, short, long] = process.argv.slice(1);
const s = JSON.parse(json);
const p = s.phases[0];
const sh = p.paths[`/locked?iterations=${short}`];
const lg = p.paths[`/locked?iterations=${long}`];
console.log([round, cell, fresh === "1" ? "new" : "keepalive", clients, system, p.seconds, p.ok, p.rps, p.errors, p.non200,
  sh.ok, sh.rps, sh.p50Ms, sh.p99Ms, lg.ok, lg.p50Ms, lg.p99Ms, Object.entries(p.errorKinds).map(([k, n]) => `${k}:${n}`).join(";"),
  p.placement.toBusierPct, p.placement.behindHeavyPct].join(","));
' "$json" "$1" "$2" "$3" "$5" "$6" "$MIX_SHORT" "$MIX_LONG" | tee -a "$RESULTS/steering-mixed.csv" |
		awk -F, '{printf "    %-9s %-9s %2s clients: %7s req/s, short p99 %8s ms, errors %s, on the busier server %s %%, short behind a long %s %%\n", $5, $3, $4, $8, $14, $9 + $10, $19, $20}'
}

steer_mixed() {
	steer_begin mixed "1 in 10 requests /locked?iterations=$MIX_LONG, 9 in 10 iterations=$MIX_SHORT; cells $MIX_CELLS; cluster off, load, least, nginx least_conn"
	start_cluster mixed-off $P_MIX_OFF off
	PID_MIX_OFF=$LAST_PID
	start_cluster mixed-load $P_MIX_LOAD load
	PID_MIX_LOAD=$LAST_PID
	start_cluster mixed-least $P_MIX_LEAST least
	PID_MIX_LEAST=$LAST_PID
	start jvm-a "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_MIX_JVM_A --cluster.enabled=false
	local pid_a=$LAST_PID
	start jvm-b "$JAVA17" "${JVM_FLAGS[@]}" --server.port=$P_MIX_JVM_B --cluster.enabled=false
	local pid_b=$LAST_PID
	wait_http "http://127.0.0.1:$P_MIX_JVM_A/" 180
	wait_http "http://127.0.0.1:$P_MIX_JVM_B/" 180
	nginx_conf
	start nginx nginx -p "$WORK/nginx" -e "$WORK/logs/nginx-error.log" -c "$WORK/nginx/nginx.conf"
	local pid_nginx=$LAST_PID
	wait_http "http://127.0.0.1:$P_MIX_NGINX/" 30
	local -A port=([off]=$P_MIX_OFF [load]=$P_MIX_LOAD [least]=$P_MIX_LEAST [nginx]=$P_MIX_NGINX)
	local systems=(off load least nginx) system round cell c=0 i
	for system in "${systems[@]}"; do
		log "  warming $system: ${MIX_WARM_S} s of the mix, 16 clients, new connections"
		mixed_run 0 warm "$system" "${port[$system]}" 1 16 "$MIX_WARM_S" warm
	done
	echo "round,cell,connection,clients,system,seconds,requests,rps,errors,non200,short_requests,short_rps,short_p50_ms,short_p99_ms,long_requests,long_p50_ms,long_p99_ms,error_kinds,to_busier_pct,short_behind_long_pct" \
		>"$RESULTS/steering-mixed.csv"
	for round in $(seq "$MIX_ROUNDS"); do
		for cell in $MIX_CELLS; do
			c=$((c + 1))
			for i in 0 1 2 3; do
				system=${systems[$(((i + c + round) % 4))]}
				mixed_run "$round" "$cell" "$system" "${port[$system]}" "$([[ ${cell%%:*} == new ]] && echo 1 || echo 0)" "${cell##*:}" "$MIX_S"
			done
		done
	done
	stop "$pid_nginx"
	stop "$pid_a"
	stop "$pid_b"
	steer_end mixed
}

# ---------------------------------------------------------------- cost
steer_cost() {
	steer_begin cost "GET / steady state, steering load and least against off: keep-alive (wrk -c$CONNECTIONS) and a new connection per request (wrk -c$COST_NEW_CLIENTS)"
	cost_rounds
	cost_exclusion
	stop "$PID_MIX_OFF"
	stop "$PID_MIX_LOAD"
	stop "$PID_MIX_LEAST"
	PID_MIX_OFF= PID_MIX_LOAD= PID_MIX_LEAST=
	steer_end cost
}
cost_rounds() {
	# the clusters of mixed, warm already, or new ones
	if [[ -z $PID_MIX_OFF ]]; then
		start_cluster cost-off $P_MIX_OFF off
		PID_MIX_OFF=$LAST_PID
		start_cluster cost-load $P_MIX_LOAD load
		PID_MIX_LOAD=$LAST_PID
		start_cluster cost-least $P_MIX_LEAST least
		PID_MIX_LEAST=$LAST_PID
	fi
	PORT_OF[off]=$P_MIX_OFF
	PORT_OF[load]=$P_MIX_LOAD
	PORT_OF[least]=$P_MIX_LEAST
	PATH_OF[hello-close]=/
	echo "round,system,route,duration_s,requests,rps,p50_ms,p90_ms,p99_ms,max_ms,errors,connect_errors,read_errors,write_errors,status_errors,timeouts" \
		>"$RESULTS/steering-cost.csv"
	echo "system,route,round,rps,change_pct,stable,capped" >"$WORK/cost-warmup.csv"
	local WRK_CSV=$RESULTS/steering-cost.csv WARM_CSV=$WORK/cost-warmup.csv ROUND_S=$COST_ROUND_S ROUNDS=$COST_ROUNDS
	local STEADY_MIN_S=$COST_MIN_S STEADY_CAP_S=$COST_CAP_S WRK_EXTRA=()
	log "  keep-alive, $CONNECTIONS connections"
	steady_state hello off load least
	# the JIT has seen GET / by now: new connections need only a little warm-up of their own
	local CONNECTIONS=$COST_NEW_CLIENTS STEADY_MIN_S=$((COST_ROUND_S * 2)) WRK_EXTRA=(-H "Connection: close")
	log "  a new connection per request, $CONNECTIONS connections"
	steady_state hello-close off load least
}
cost_exclusion() {
	echo "system,run,probes,landed_on_stopped,last_landed_ms,first_back_ms" >"$RESULTS/steering-exclusion.csv"
	local run target
	for run in $(seq "$EXCLUSION_RUNS") control; do
		local system=load port=$P_MIX_LOAD
		[[ $run != control ]] || system=off port=$P_MIX_OFF
		target=$(cluster_worker "$port" 2)
		node bench/lib/exclusion.js --port "$port" --pid "$target" --system "$system" --run "$run" \
			--out "$RESULTS/steering-exclusion.csv" | sed 's/^/    /'
		sleep 1
	done
}

# ---------------------------------------------------------------- leaving
steer_leaving() {
	steer_begin leaving "$LEAVE_RESTARTS rolling restarts per steering mode with net.ipv4.tcp_migrate_req=0, $LEAVE_CLIENTS unpaced clients on new connections"
	local csv=$RESULTS/steering-leaving.csv before mode i previous code result
	echo "mode,restart,rollout_state,rollout_s,requests,failed,non200,resets,refused,timeouts,other,error_kinds" >"$csv"
	if [[ ! -r $MIGRATE_FILE ]]; then
		steer_note "leaving skipped: this kernel has no net.ipv4.tcp_migrate_req (Linux 5.14+)"
		steer_end leaving
		return 0
	fi
	before=$(cat "$MIGRATE_FILE")
	if ! write_sysctl 0; then
		steer_note "leaving skipped: net.ipv4.tcp_migrate_req could not be set to 0 (it needs root or sudo; it is $before)"
		steer_end leaving
		return 0
	fi
	log "  net.ipv4.tcp_migrate_req set to 0 (was $before)"
	for mode in off load least; do
		start_cluster "leaving-$mode" $P_LEAVE "$mode" --management.endpoint.cluster.access=unrestricted --cluster.restart.stable-after=1s
		local pid=$LAST_PID summary=$WORK/leaving-$mode.json rollouts=()
		node bench/lib/load.js --url "http://127.0.0.1:$P_LEAVE/" --connections "$LEAVE_CLIENTS" --fresh 1 --timeout 5000 --warmup 0 \
			--duration $((LEAVE_PRE_S + LEAVE_RESTARTS * (ROLLOUT_TIMEOUT_S + 70))) --scenario leaving --case "$mode" --summary "$summary" >/dev/null &
		local load_pid=$!
		sleep "$LEAVE_PRE_S"
		for i in $(seq "$LEAVE_RESTARTS"); do
			previous=$(node bench/lib/cluster-status.js rollout-started $P_LEAVE)
			kill -USR1 "$load_pid"
			code=$(curl -s -o "$WORK/logs/leaving-restart.json" -w '%{http_code}' --max-time 10 -X POST -H 'Content-Type: application/json' \
				-d '{"action":"restart"}' "http://127.0.0.1:$P_LEAVE/actuator/cluster") || true
			if [[ $code != 200 ]]; then
				steer_note "leaving, $mode: restart $i was refused (HTTP $code: $(head -c 300 "$WORK/logs/leaving-restart.json" 2>/dev/null))"
				rollouts+=("REFUSED ")
				continue
			fi
			result=$(node bench/lib/cluster-status.js rollout $P_LEAVE "$previous" "$ROLLOUT_TIMEOUT_S") || result="TIMEOUT "
			rollouts+=("$result")
			log "    $mode, restart $i: ${result}"
			[[ $result == COMPLETED* ]] || steer_note "leaving, $mode: rolling restart $i ended $result"
			node bench/lib/cluster-status.js up $P_LEAVE 2 60 || steer_note "leaving, $mode: not 2 workers UP within 60 s of restart $i"
			sleep "$LEAVE_GAP_S"
		done
		kill -TERM "$load_pid" 2>/dev/null || true
		wait "$load_pid" || true
		node -e '
const fs = require("fs");
const [file, mode, ...rollouts] = process.argv.slice(1);
const s = JSON.parse(fs.readFileSync(file, "utf8").trim().split("\n").pop());
s.phases.forEach((p, i) => {
  const kinds = p.errorKinds || {};
  const count = (re) => Object.entries(kinds).filter(([k]) => re.test(k)).reduce((n, [, c]) => n + c, 0);
  const resets = count(/ECONNRESET|EPIPE|aborted/), refused = count(/ECONNREFUSED/), timeouts = count(/TIMEOUT/);
  const [state, seconds] = i === 0 ? ["before", ""] : (rollouts[i - 1] || "").split(" ");
  console.log([mode, i, state, seconds, p.ok, p.errors + p.non200, p.non200, resets, refused, timeouts, p.errors - resets - refused - timeouts,
    Object.entries(kinds).map(([k, n]) => `${k}:${n}`).join(";")].join(","));
});' "$summary" "$mode" "${rollouts[@]}" | tee -a "$csv" | awk -F, '$2 > 0 {printf "    %-4s restart %2s: %-9s %6s s, %6s requests, %s failed (%s resets)\n", $1, $2, $3, $4, $5, $6, $8}'
		stop "$pid"
	done
	write_sysctl "$before" && log "  net.ipv4.tcp_migrate_req restored to $before"
	steer_end leaving
}

# ---------------------------------------------------------------- all of them
steering_scenarios() {
	if [[ $HAVE_STEERING == 0 ]]; then
		note "this jar has no cluster.steering.mode: the steering scenarios were skipped"
		return 0
	fi
	! wants pause && ! wants blocked || steer_pause
	! wants mixed || steer_mixed
	! wants cost || steer_cost
	! wants leaving || steer_leaving
	log "writing the steering report"
	node bench/lib/steering-report.js --results "$RESULTS" --markdown "$RESULTS_MD"
}
