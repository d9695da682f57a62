package dev.clusterboot.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.process.messagesapp.MessagesTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster of two workers of {@link MessagesTestApplication}, started once for
 * messages between workers and coherent caches: a message sent on one worker arrives on
 * the other as an application event, with its sender; an eviction on one worker is seen
 * on the other, which loads the entry again, while filling the same value on both does
 * not evict either; and the local cache, being coherent, raises no warning. Then two such
 * clusters as two hosts, on 127.0.0.2 and 127.0.0.3 with the same port, sharing a real
 * Redis: an eviction on one host is seen on both workers of the other. Requests land on
 * either worker of a host (the port is shared), so each check polls until the worker it
 * needs answers.
 */
class MessagesAndCachesProcessTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void messagesReachTheOtherWorkerAndEvictionsReachItsCache() {
		try (ClusterProcess cluster = ClusterProcess.start(MessagesTestApplication.class, ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms")) {
			cluster.awaitWorkersUp(2);
			int port = cluster.port();

			int sender = read(Http.post(port, "/messages", "{\"text\":\"hello\"}")).get("worker").asInt();
			JsonNode other = await(port, "/messages", (body) -> body.get("worker").asInt() != sender);
			Awaitility.await().atMost(WAIT).untilAsserted(() -> {
				JsonNode view = await(port, "/messages", (body) -> body.get("worker").asInt() != sender);
				assertThat(view.get("received").valueStream().map((note) -> note.get("from").asInt() + ":"
						+ note.get("text").asString())).containsExactly(sender + ":hello");
				assertThat(view.get("bare").valueStream().map(JsonNode::asString)).containsExactly("hello");
			});
			assertThat(other.get("worker").asInt()).isNotEqualTo(sender);
			JsonNode own = await(port, "/messages", (body) -> body.get("worker").asInt() == sender);
			assertThat(own.get("received")).as("a message for all goes to every other worker only").isEmpty();

			Map<Integer, Long> loads = new HashMap<>();
			Awaitility.await().atMost(WAIT).until(() -> {
				JsonNode view = read(Http.get(port, "/cached/k"));
				assertThat(view.get("value").asString()).isEqualTo("K");
				loads.put(view.get("worker").asInt(), view.get("loads").asLong());
				return loads.size() == 2;
			});
			for (int worker : loads.keySet()) {
				JsonNode again = await(port, "/cached/k", (body) -> body.get("worker").asInt() == worker);
				assertThat(again.get("loads").asLong()).as("worker %d filled the same value as the other, "
						+ "so neither fill evicts the other's", worker).isEqualTo(1);
			}
			int evicting = read(Http.post(port, "/cached/k/evict", "{}")).get("worker").asInt();
			JsonNode reloaded = await(port, "/cached/k", (body) -> body.get("worker").asInt() != evicting);
			assertThat(reloaded.get("loads").asLong()).as("the eviction on worker %d reached the other", evicting)
				.isEqualTo(2);

			assertThat(cluster.cluster().get("stateWarnings").valueStream()
				.map((warning) -> warning.get("kind").asString())).doesNotContain("LOCAL_CACHES");
			assertThat(cluster.output()).doesNotContain("(ConcurrentMapCacheManager)");
			assertThat(cluster.cluster().get("messageDrops").get("NOT_READY").asLong()).isZero();
		}
	}

	@Test
	void anEvictionOnOneHostReachesBothWorkersOfTheOther() {
		try (TwoHosts hosts = TwoHosts.start(MessagesTestApplication.class)) {
			// the subscription clears the host's caches as it starts: fill them after it
			hosts.awaitSubscribed(WAIT);
			ClusterProcess first = hosts.first();
			ClusterProcess second = hosts.second();
			int port = second.port();
			Map<Integer, Long> loads = new HashMap<>();
			Awaitility.await().atMost(WAIT).until(() -> {
				JsonNode view = read(Http.get(second.address(), port, "/cached/k"));
				loads.put(view.get("worker").asInt(), view.get("loads").asLong());
				return loads.size() == 2;
			});
			assertThat(loads.values()).containsOnly(1L);
			read(Http.post(first.address(), port, "/cached/k/evict", "{}"));
			for (int worker : loads.keySet()) {
				JsonNode reloaded = await(second.address(), port, "/cached/k",
						(body) -> body.get("worker").asInt() == worker && body.get("loads").asLong() == 2);
				assertThat(reloaded.get("value").asString()).isEqualTo("K");
			}
		}
	}

	private static JsonNode await(int port, String path, java.util.function.Predicate<JsonNode> answeredBy) {
		return await("127.0.0.1", port, path, answeredBy);
	}

	private static JsonNode await(String address, int port, String path,
			java.util.function.Predicate<JsonNode> answeredBy) {
		JsonNode[] found = new JsonNode[1];
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode body = read(Http.get(address, port, path));
			found[0] = body;
			return answeredBy.test(body);
		});
		return found[0];
	}

	private static JsonNode read(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

}
