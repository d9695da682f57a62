package dev.clusterboot.process;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.process.messagesapp.MessagesTestApplication;

/**
 * Measures the latency of a message from one worker to another, through the master: a
 * cluster of two {@link MessagesTestApplication} workers; one sends timed pings, a
 * millisecond apart, to the other, which takes each one's {@link System#nanoTime()}
 * difference (one clock for every process on Linux) when its {@code @EventListener}
 * runs. Prints the median and the 99th percentile, and asserts nothing. Not in the
 * suite (its name does not end in {@code Tests}); {@code bench/messages-latency.sh} runs
 * it, {@code -Dbench.pings=N} sets the number of pings (2000).
 */
class MessagesLatencyBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void measureLatencyOfMessagesBetweenWorkers() {
		int count = Integer.getInteger("bench.pings", 2000);
		try (ClusterProcess cluster = ClusterProcess.start(MessagesTestApplication.class, ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms")) {
			cluster.awaitWorkersUp(2);
			int port = cluster.port();
			// warm up both directions' code paths, then measure
			run(port, 500);
			List<Long> nanos = run(port, count);
			long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("BENCH messages worker to worker: %d, median %.3f ms, p99 %.3f ms, max %.3f ms%n",
					sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
					sorted[sorted.length - 1] / 1e6);
		}
	}

	private static List<Long> run(int port, int count) {
		JsonNode sender = json.readTree(Http.post(port, "/pings?count=" + count, "{}").body());
		int receiver = 3 - sender.get("worker").asInt();
		JsonNode[] taken = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			JsonNode view = json.readTree(Http.get(port, "/pings?reset=true").body());
			if (view.get("worker").asInt() != receiver) {
				return false;
			}
			taken[0] = view;
			return true;
		});
		return taken[0].get("nanos").valueStream().map(JsonNode::asLong).toList();
	}

}
