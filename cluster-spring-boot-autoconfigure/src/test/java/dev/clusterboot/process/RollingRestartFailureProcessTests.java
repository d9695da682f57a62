package dev.clusterboot.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling restart, started by SIGHUP, whose first replacement never becomes ready: the
 * rollout stops, says why, and the old workers keep serving.
 */
class RollingRestartFailureProcessTests {

	@TempDir
	Path temp;

	@Test
	void replacementThatNeverBecomesReadyStopsTheRolloutAndTheOldWorkersKeepServing() throws Exception {
		Path gate = this.temp.resolve("block-startup");
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--test.block-startup-file=" + gate, "--cluster.worker.boot-timeout=8s")) {
			Set<Long> pids = ClusterProcess.workerPids(cluster.awaitWorkersUp(2));
			Files.createFile(gate);
			Signals.send("HUP", cluster.pid());
			JsonNode after = cluster.awaitCluster(Duration.ofSeconds(60),
					(view) -> view.path("rollout").path("state").asString().equals("FAILED")
							&& view.get("workers").get(0).path("replacementPid").isMissingNode());
			assertThat(after.get("rollout").get("failure").asString())
				.contains("did not become ready within cluster.worker.boot-timeout=8.0s");
			assertThat(after.get("rollout").get("replaced").asInt()).isZero();
			assertThat(ClusterProcess.workerPids(after)).isEqualTo(pids);
			assertThat(after.get("upWorkers").asInt()).isEqualTo(2);
			assertThat(after.get("restarts").get("ROLLING").asInt()).isZero();
			assertThat(Http.get(cluster.port(), "/").status()).isEqualTo(200);
			assertThat(cluster.output()).contains("Rolling restart stopped");
			JsonNode health = cluster.json("/actuator/health").get("components").get("cluster");
			assertThat(health.get("status").asString()).isEqualTo("UP");
			assertThat(health.get("details").get("rolloutFailure").asString()).contains("boot-timeout");
		}
	}

}
