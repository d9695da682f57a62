package dev.clusterboot.process;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that stops sending heartbeats (here, a stopped JVM) is killed and replaced,
 * with restart reason {@code hang}.
 */
class HangDetectionProcessTests {

	@Test
	void replacesAWorkerThatStoppedSendingHeartbeats() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--cluster.heartbeat.timeout=3s")) {
			long stopped = cluster.awaitWorkersUp(2).get("workers").get(0).get("process").get("pid").asLong();
			Signals.send("STOP", stopped);
			JsonNode worker = cluster
				.awaitCluster(ClusterProcess.STARTUP, (view) -> view.get("upWorkers").asInt() == 2
						&& view.get("workers").get(0).get("process").get("pid").asLong() != stopped)
				.get("workers")
				.get(0);
			assertThat(worker.get("lastRestartReason").asString()).isEqualTo("HANG");
			assertThat(worker.get("lastExit").get("reason").asString()).isEqualTo("HANG");
			assertThat(worker.get("lastExit").get("signal").asString()).isEqualTo("SIGKILL");
			assertThat(cluster.cluster().get("restarts").get("HANG").asInt()).isEqualTo(1);
			assertThat(cluster.output()).contains("sent no heartbeat", "requesting a thread dump");
			assertThat(ProcessHandle.of(stopped)).isEmpty();
		}
	}

}
