package dev.clusterboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Boot's structured console logging ({@code ecs} here; Logstash and GELF are covered
 * by the unit tests of the relay), the master's output stays one JSON event per line, as
 * a log shipper on Kubernetes parses it: each worker event carries its worker's slot
 * inside it instead of a prefix, and what a worker's JVM prints itself (its GC log on
 * stderr, a thread dump after SIGQUIT on stdout) arrives wrapped as an ECS event too.
 * Plain-text output keeps its {@code [worker N]} prefix, which
 * {@link ClusterModeProcessTests} checks.
 */
class StructuredLoggingProcessTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyLineOfAnEcsClusterIsAJsonEventAndEachWorkerEventCarriesItsSlot() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--logging.structured.format.console=ecs",
				"--cluster.worker.jvm-args=-XX:TieredStopAtLevel=1,-Xss512k,-Xlog:gc:stderr",
				"--cluster.shutdown.drain-period=300ms")) {
			Map<Long, String> slotByPid = new HashMap<>();
			cluster.awaitWorkersUp(2)
				.get("workers")
				.forEach((worker) -> slotByPid.put(worker.get("process").get("pid").asLong(),
						worker.get("id").asString()));
			long first = slotByPid.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().equals("1"))
				.findFirst()
				.orElseThrow()
				.getKey();
			Signals.send("QUIT", first);
			cluster.awaitOutput("JNI global refs", Duration.ofSeconds(30));
			cluster.process().toHandle().destroy();
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isZero();
			// the master has gone, so wait for the output reader to catch up, not for the master
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> cluster.output().contains("Cluster master stopped"));

			List<String> notJson = new ArrayList<>();
			List<JsonNode> events = new ArrayList<>();
			cluster.output().lines().filter((line) -> !line.isBlank()).forEach((line) -> {
				JsonNode event = parse(line);
				if (event != null && event.isObject()) {
					events.add(event);
				}
				else {
					notJson.add(line);
				}
			});
			assertThat(notJson).as("lines that are not JSON events").isEmpty();
			List<JsonNode> workerEvents = events.stream()
				.filter((event) -> event.at("/process/pid").asLong() != cluster.pid())
				.toList();
			assertThat(workerEvents).as("worker events").isNotEmpty().allSatisfy((event) -> assertThat(
					event.at("/cluster/worker").asString())
				.as("slot of %s", event)
				.isEqualTo(slotByPid.get(event.at("/process/pid").asLong())));
			assertThat(workerEvents).extracting((event) -> event.at("/cluster/worker").asString())
				.contains("1", "2");
			assertThat(workerEvents).as("the JVM's own lines, wrapped")
				.anySatisfy((event) -> assertThat(event.get("message").asString()).startsWith("Full thread dump"))
				.anySatisfy((event) -> assertThat(event.get("message").asString()).contains("[gc]"));
		}
	}

	private static JsonNode parse(String line) {
		try {
			return json.readTree(line);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
