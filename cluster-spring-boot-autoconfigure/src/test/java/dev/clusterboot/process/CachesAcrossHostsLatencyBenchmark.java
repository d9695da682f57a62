package dev.clusterboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.process.messagesapp.MessagesTestApplication;

/**
 * Measures the latency of a cache eviction from one host to another, through Redis: two
 * clusters of two {@link MessagesTestApplication} workers, on 127.0.0.2 and 127.0.0.3
 * with one port, sharing a real Redis. A worker of the first host evicts timed keys, a
 * millisecond apart; each worker of the second host notes the {@link System#nanoTime()}
 * difference (one clock for every process on Linux) when its cache is asked for the key,
 * as coherent caches do before they evict. The second host's leader takes each eviction
 * from Redis; its other worker gets it relayed by the leader through its master. Prints
 * the median and the 99th percentile of each, and asserts nothing. Not in the suite (its
 * name does not end in {@code Tests}); {@code bench/evictions-across-hosts.sh} runs it,
 * {@code -Dbench.evictions=N} sets the number of evictions (1000).
 */
class CachesAcrossHostsLatencyBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void measureLatencyOfEvictionsBetweenHosts() {
		int count = Integer.getInteger("bench.evictions", 1000);
		try (TwoHosts hosts = TwoHosts.start(MessagesTestApplication.class)) {
			int leader = hosts.awaitSubscribed(Duration.ofSeconds(30)).get("leader").get("worker").asInt();
			ClusterProcess first = hosts.first();
			ClusterProcess second = hosts.second();
			// a worker applies evictions to the caches it has: have both create theirs
			List<Integer> cached = new ArrayList<>();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				JsonNode view = json.readTree(Http.get(second.address(), second.port(), "/cached/k").body());
				cached.add(view.get("worker").asInt());
				return cached.stream().distinct().count() == 2;
			});
			// warm up both hosts' code paths, then measure
			run(first, second, 300);
			Map<Integer, List<Long>> nanos = run(first, second, count);
			nanos.forEach((worker, taken) -> print((worker == leader) ? "leader, from Redis" : "relayed by the leader",
					taken));
		}
	}

	private static Map<Integer, List<Long>> run(ClusterProcess first, ClusterProcess second, int count) {
		Http.post(first.address(), first.port(), "/cached/pings?count=" + count, "{}");
		Map<Integer, List<Long>> taken = new HashMap<>();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			JsonNode view = json.readTree(Http.get(second.address(), second.port(), "/cached/pings").body());
			taken.computeIfAbsent(view.get("worker").asInt(), (worker) -> new ArrayList<>())
				.addAll(view.get("nanos").valueStream().map(JsonNode::asLong).toList());
			return taken.size() == 2 && taken.values().stream().allMatch((nanos) -> nanos.size() >= count);
		});
		return taken;
	}

	private static void print(String path, List<Long> nanos) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("BENCH cache eviction host to host (%s): %d, median %.3f ms, p99 %.3f ms, max %.3f ms%n",
				path, sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
				sorted[sorted.length - 1] / 1e6);
	}

}
