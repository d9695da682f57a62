package dev.clusterboot.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that can never start: the master backs off between attempts, gives up on its
 * slot, and the other worker keeps serving.
 */
class CrashLoopProcessTests {

	@Test
	void stopsRestartingAfterCrashLoopWhileTheOtherWorkerKeepsServing() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--test.fail-worker=2",
				"--cluster.restart.max-failed-starts=3", "--cluster.restart.initial-backoff=300ms")) {
			JsonNode status = cluster.awaitCluster(Duration.ofSeconds(120),
					(view) -> view.get("workers").get(1).get("state").asString().equals("FAILED"));
			JsonNode failed = status.get("workers").get(1);
			assertThat(failed.get("restarts").asInt()).isEqualTo(2);
			assertThat(failed.get("lastExit").get("reason").asString()).isEqualTo("CRASH");
			assertThat(failed.hasNonNull("process")).isFalse();
			assertThat(cluster.output()).contains("Worker 2 was told to fail")
				.contains("restarting it in 300ms")
				.contains("restarting it in 600ms")
				.contains("Worker 2 failed to start 3 times in a row")
				.contains("cluster.restart.max-failed-starts");
			JsonNode serving = cluster.awaitWorkersUp(1).get("workers").get(0);
			assertThat(serving.get("state").asString()).isEqualTo("UP");
			assertThat(Http.get(cluster.port(), "/").body()).startsWith("worker 1 ");
			assertThat(cluster.json("/actuator/health").get("components").get("cluster").get("status").asString())
				.isEqualTo("DEGRADED");
			assertThat(cluster.process().isAlive()).isTrue();
		}
	}

}
