#!/usr/bin/env bash
# Checks the cluster scrape against a real Prometheus server: starts the sample app as a
# two-worker cluster on a free port on 127.0.0.1, lets Debian's prometheus scrape its one
# /actuator/prometheus URL every second, and asks Prometheus' HTTP API whether the target
# is up and its series carry worker labels. Exits non-zero if not.
#
# Installs Debian's prometheus package if it is missing (needs root), without leaving
# its service running, and runs its own prometheus with a temporary configuration and
# storage. Stops everything it started, whatever happens.
#
#   bench/prometheus-check.sh            # builds the sample jar first
#   SKIP_BUILD=1 bench/prometheus-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if ! command -v prometheus >/dev/null; then
	echo "== installing Debian's prometheus package"
	# keep apt from starting the package's service: this script runs its own prometheus
	policy=/usr/sbin/policy-rc.d
	created_policy=""
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod +x "$policy"
		created_policy=1
	fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
	if [ -n "$created_policy" ]; then rm -f "$policy"; fi
fi
prometheus --version 2>&1 | head -1

if [ -z "${SKIP_BUILD:-}" ]; then
	echo "== building the sample jar"
	./mvnw -q -DskipTests package -pl sample-app -am
fi

work=$(mktemp -d)
app_pid=""
prom_pid=""
cleanup() {
	if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
		kill -TERM "$app_pid"
		wait "$app_pid" 2>/dev/null || true
	fi
	if [ -n "$prom_pid" ] && kill -0 "$prom_pid" 2>/dev/null; then
		kill -TERM "$prom_pid"
		wait "$prom_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

app_port=$(free_port)
prom_port=$(free_port)

echo "== starting the sample app on 127.0.0.1:$app_port"
java -jar sample-app/target/sample-app.jar --server.port="$app_port" --server.address=127.0.0.1 \
	--cluster.metrics.scrape-timeout=800ms >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
	if curl -fs "http://127.0.0.1:$app_port/actuator/cluster" 2>/dev/null | grep -q '"upWorkers":2'; then
		break
	fi
	sleep 1
done
curl -fs "http://127.0.0.1:$app_port/actuator/cluster" | grep -q '"upWorkers":2' ||
	{ echo "FAIL: the sample app did not get two workers up"; tail -40 "$work/app.log"; exit 1; }
for _ in $(seq 1 20); do curl -fs -o /dev/null "http://127.0.0.1:$app_port/"; done

cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: sample
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ['127.0.0.1:$app_port']
EOF
echo "== starting prometheus on 127.0.0.1:$prom_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
	--web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!

api() {
	curl -fsG "http://127.0.0.1:$prom_port/api/v1/$1" ${2:+--data-urlencode "query=$2"}
}

health=""
for _ in $(seq 1 30); do
	health=$(api targets 2>/dev/null |
		python3 -c 'import json,sys; t=json.load(sys.stdin)["data"]["activeTargets"]; print(t[0]["health"] if t else "")' \
		2>/dev/null || true)
	[ "$health" = "up" ] && break
	sleep 1
done
sleep 3 # a few scrapes more

python3 - "$prom_port" "$health" <<'EOF'
import json, sys, urllib.parse, urllib.request

port, health = sys.argv[1], sys.argv[2]

def query(q):
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": q})
    return json.load(urllib.request.urlopen(url))["data"]["result"]

failures = []
target = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/targets"))["data"]["activeTargets"][0]
print(f"target {target['scrapeUrl']}: health {target['health']}, last scrape {target['lastScrapeDuration']:.3f} s, "
      f"error '{target['lastError']}'")
if health != "up":
    failures.append("target is not up")

threads = query("jvm_threads_live_threads")
workers = sorted({s["metric"].get("worker", "-") for s in threads})
print(f"jvm_threads_live_threads: {len(threads)} series, worker labels {workers}")
for s in threads:
    print(f"  {s['metric']} {s['value'][1]}")
if workers != ["1", "2"]:
    failures.append(f"expected workers 1 and 2, got {workers}")

one = query('jvm_threads_live_threads{worker="1"}')
print(f'jvm_threads_live_threads{{worker="1"}}: {len(one)} series')
if len(one) != 1:
    failures.append('no single series for worker="1"')

requests = query('sum by (worker) (http_server_requests_seconds_count)')
print("requests by worker: " + ", ".join(f"worker {s['metric'].get('worker')}: {s['value'][1]}" for s in requests))

desired = query("cluster_desired_workers")
print(f"cluster_desired_workers: {[(s['metric'], s['value'][1]) for s in desired]}")
if len(desired) != 1 or "worker" in desired[0]["metric"]:
    failures.append("cluster_desired_workers is not one series without a worker label")

up = query('cluster_workers{state="up"}')
print(f'cluster_workers{{state="up"}}: {[s["value"][1] for s in up]}')

missing = query("cluster_scrape_missing_workers")
print(f"cluster_scrape_missing_workers: {[s['value'][1] for s in missing]}")

samples = query("scrape_samples_scraped")
print(f"scrape_samples_scraped: {[s['value'][1] for s in samples]}")

if failures:
    print("FAIL: " + "; ".join(failures))
    sys.exit(1)
print("OK: Prometheus scrapes one URL and sees both workers, labelled")
EOF
