package dev.clusterboot.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.properties.ClusterLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scaling at runtime, through the endpoint's write operation and through SIGTTIN and
 * SIGTTOU; scaling down drains the highest slots without losing a request.
 */
class ScalingProcessTests {

	@Test
	void scalesUpAndDownAtRuntimeWithoutLosingARequest() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--cluster.workers=1",
				"--management.endpoint.cluster.access=unrestricted", "--cluster.shutdown.drain-period=300ms")) {
			cluster.awaitWorkersUp(1);
			LoadGenerator load = new LoadGenerator(cluster.port(), 8, Duration.ofMillis(20));
			try (load) {
				assertThat(Http.post(cluster.port(), "/actuator/cluster", "{\"workers\":2}").status()).isEqualTo(200);
				cluster.awaitWorkersUp(2);
				Signals.send("TTIN", cluster.pid());
				JsonNode three = cluster.awaitWorkersUp(3);
				assertThat(three.get("desiredWorkers").asInt()).isEqualTo(3);
				Signals.send("TTOU", cluster.pid());
				JsonNode two = cluster.awaitCluster(Duration.ofSeconds(30),
						(view) -> view.get("workers").size() == 2 && view.get("upWorkers").asInt() == 2);
				assertThat(two.get("workers").get(1).get("id").asInt()).isEqualTo(2);
				assertThat(Http.post(cluster.port(), "/actuator/cluster", "{\"workers\":1}").status()).isEqualTo(200);
				cluster.awaitCluster(Duration.ofSeconds(30), (view) -> view.get("workers").size() == 1);
				Http.Response tooMany = Http.post(cluster.port(), "/actuator/cluster", "{\"workers\":65}");
				assertThat(tooMany.status()).isEqualTo(400);
				assertThat(tooMany.body()).contains("'workers' must be from 1 to " + ClusterLimits.MAX_WORKERS)
					.contains("not 65");
				cluster.awaitOutput("Drained worker", Duration.ofSeconds(30));
			}
			assertThat(load.failures()).isEmpty();
			assertThat(load.succeeded()).isPositive();
			cluster.cluster().get("restarts").forEach((count) -> assertThat(count.asInt()).isZero());
		}
	}

}
