package dev.clusterboot.process;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Kubernetes pod running a cluster relies on, with availability probes on:
 * readiness goes DOWN while fewer workers than {@code cluster.health.min-up-workers} are
 * up and comes back with the replacement, while liveness never follows the workers.
 */
class KubernetesProbesProcessTests {

	@Test
	void readinessFollowsTheWorkersAndLivenessDoesNot() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--management.endpoint.health.probes.enabled=true", "--cluster.health.min-up-workers=2")) {
			JsonNode up = cluster.awaitWorkersUp(2);
			Http.Response ready = Http.get(cluster.port(), "/actuator/health/readiness");
			assertThat(ready.status()).as(ready.body()).isEqualTo(200);
			assertThat(ready.body()).contains("\"cluster\"");
			Http.Response live = Http.get(cluster.port(), "/actuator/health/liveness");
			assertThat(live.status()).isEqualTo(200);
			assertThat(live.body()).doesNotContain("\"cluster\"");

			long killed = up.get("workers").get(0).get("process").get("pid").asLong();
			ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
			AtomicInteger livenessFailures = new AtomicInteger();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					if (Http.get(cluster.port(), "/actuator/health/liveness").status() != 200) {
						livenessFailures.incrementAndGet();
					}
					return Http.get(cluster.port(), "/actuator/health/readiness").status() == 503;
				});
			cluster.awaitCluster(ClusterProcess.STARTUP, (view) -> view.get("upWorkers").asInt() == 2
					&& view.get("workers").get(0).get("process").get("pid").asLong() != killed);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Http.get(cluster.port(), "/actuator/health/readiness").status() == 200);
			assertThat(livenessFailures).hasValue(0);
		}
	}

}
