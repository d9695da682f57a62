#!/bin/sh
# Latency of a message between two workers, through the master: MessagesLatencyBenchmark
# starts a cluster of two workers, sends timed pings (1 ms apart, 2000 by default) from one
# to the other, and prints the median, p99 and max one-way latency, as a BENCH line.
# Usage: bench/messages-latency.sh [pings]
set -eu
cd "$(dirname "$0")/.."
./mvnw -o -q -pl cluster-spring-boot-autoconfigure test -Dtest=MessagesLatencyBenchmark \
	-Dsurefire.failIfNoSpecifiedTests=false -Dbench.pings="${1:-2000}"
grep -h BENCH cluster-spring-boot-autoconfigure/target/surefire-reports/*MessagesLatencyBenchmark-output.txt 2>/dev/null \
	|| true
