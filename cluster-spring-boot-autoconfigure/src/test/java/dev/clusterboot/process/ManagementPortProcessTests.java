package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster whose Actuator has a port of its own ({@code management.server.port}), as
 * many Kubernetes deployments keep probes and the Prometheus scrape off the public port:
 * on each web server every worker serves the management port beside the shared one, a
 * standby serves neither, and the probe and the scrape on the management port answer for
 * the whole cluster while a worker is killed and its slot is taken over.
 */
class ManagementPortProcessTests {

	private static final String LISTEN = "0A";

	@ParameterizedTest
	@EnumSource(WebServer.class)
	void everyWorkerButTheStandbyServesTheManagementPortWhichAnswersForTheClusterThroughAKill(WebServer server)
			throws IOException {
		int management = ClusterProcess.freePort();
		try (ClusterProcess cluster = ClusterProcess
			.start(server, ClusterProcess.freePort(), "--management.server.port=" + management,
					"--management.endpoints.web.exposure.include=cluster,health,prometheus",
					"--management.endpoint.health.probes.enabled=true", "--cluster.standby-workers=1")
			.actuatorOn(management)) {
			JsonNode up = cluster.awaitCluster(ClusterProcess.STARTUP,
					(status) -> status.get("upWorkers").asInt() == 2 && readyStandbys(status) == 1);
			assertThat(listeners(management)).as("listeners on the management port").isEqualTo(2);
			assertThat(listeners(cluster.port())).as("listeners on the shared port").isEqualTo(2);
			assertThat(Http.get(management, "/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(Http.get(management, "/actuator/prometheus").body())
				.contains("jvm_threads_live_threads{worker=\"1\"}")
				.contains("jvm_threads_live_threads{worker=\"2\"}");
			assertThat(Http.get(cluster.port(), "/actuator/health").status()).isEqualTo(404);

			long killed = up.get("workers").get(0).get("process").get("pid").asLong();
			ProcessHandle.of(killed).orElseThrow().destroyForcibly();
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				statuses.add(Http.get(management, "/actuator/health/liveness").status());
				statuses.add(Http.get(management, "/actuator/prometheus").status());
			}
			assertThat(statuses).containsOnly(200);

			cluster.awaitCluster(ClusterProcess.STARTUP, (status) -> status.get("upWorkers").asInt() == 2
					&& status.get("workers").get(0).get("process").get("pid").asLong() != killed);
			assertThat(Http.get(management, "/actuator/prometheus").body())
				.contains("jvm_threads_live_threads{worker=\"1\"}")
				.contains("jvm_threads_live_threads{worker=\"2\"}");
			assertThat(listeners(management)).as("listeners on the management port after the kill").isEqualTo(2);
		}
	}

	private static int readyStandbys(JsonNode status) {
		int ready = 0;
		for (JsonNode standby : status.get("standbys").get("standbys")) {
			if ("STANDING_BY".equals(standby.get("state").asString())) {
				ready++;
			}
		}
		return ready;
	}

	/**
	 * Count the sockets listening on a port, in every process: one per worker that
	 * serves it. The master's guard is bound but never listens, so it does not count.
	 */
	private static int listeners(int port) throws IOException {
		String local = ":" + String.format(Locale.ROOT, "%04X", port);
		int count = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			for (String line : Files.readAllLines(Path.of(table))) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 3 && fields[1].endsWith(local) && LISTEN.equals(fields[3])) {
					count++;
				}
			}
		}
		return count;
	}

}
