package dev.clusterboot.process;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling restart of every worker under load, with {@code net.ipv4.tcp_migrate_req=1}:
 * not one request fails.
 */
class RollingRestartProcessTests {

	@Test
	void rollingRestartUnderLoadLosesNoRequest() throws Exception {
		try (MigrateReq migrate = MigrateReq.set("1");
				ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
						"--management.endpoint.cluster.access=unrestricted",
						"--cluster.shutdown.drain-period=500ms")) {
			JsonNode before = cluster.awaitWorkersUp(2);
			assertThat(before.get("connectionMigration").asBoolean()).isTrue();
			Set<Long> oldPids = pids(before);
			LoadGenerator load = new LoadGenerator(cluster.port(), 64, Duration.ofMillis(10));
			try (load) {
				cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > 500);
				Http.Response started = Http.post(cluster.port(), "/actuator/cluster", "{\"action\":\"restart\"}");
				assertThat(started.status()).as(started.body()).isEqualTo(200);
				assertThat(started.body()).contains("\"rollout\":{\"state\":\"RUNNING\"");
				JsonNode after = cluster.awaitCluster(ClusterProcess.STARTUP,
						(view) -> view.path("rollout").path("state").asString().equals("COMPLETED")
								&& view.get("upWorkers").asInt() == 2);
				assertThat(pids(after)).hasSize(2).doesNotContainAnyElementsOf(oldPids);
				assertThat(after.get("restarts").get("rolling").asInt()).isEqualTo(2);
				long served = load.succeeded();
				cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > served + 500);
			}
			assertThat(load.failures()).isEmpty();
			assertThat(load.failed()).isZero();
			assertThat(load.succeeded()).isGreaterThan(1000);
			System.out.printf("rolling restart with tcp_migrate_req=1: %d requests, %d failed%n",
					load.succeeded(), load.failed());
		}
	}

	static Set<Long> pids(JsonNode cluster) {
		Set<Long> pids = new HashSet<>();
		cluster.get("workers").forEach((worker) -> pids.add(worker.get("pid").asLong()));
		return pids;
	}

}
