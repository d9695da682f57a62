#!/bin/sh
# Latency of a cache eviction from one host to another, through Redis: CachesAcrossHostsLatencyBenchmark starts a
# Redis server (org.signal:embedded-redis) and two clusters of two workers, as two hosts on 127.0.0.2 and 127.0.0.3
# sharing one port, evicts timed keys on the first host (1 ms apart, 1000 by default), and prints the median, p99 and
# max one-way latency to each worker of the second host, as BENCH lines: its leader, which takes the evictions from
# Redis, and its other worker, to which the leader relays them through its master.
# Usage: bench/evictions-across-hosts.sh [evictions]
set -eu
cd "$(dirname "$0")/.."
./mvnw -o -q -pl cluster-spring-boot-autoconfigure test -Dtest=CachesAcrossHostsLatencyBenchmark \
	-Dsurefire.failIfNoSpecifiedTests=false -Dbench.evictions="${1:-1000}"
grep -h BENCH cluster-spring-boot-autoconfigure/target/surefire-reports/*CachesAcrossHostsLatencyBenchmark-output.txt \
	2>/dev/null || true
