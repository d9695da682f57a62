package dev.clusterboot.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker recycled after a number of requests, counted by its web server, through the
 * same replace path as a rolling restart: not one request fails. Recycling above a heap
 * size takes the same path and is decided by the same rule on the worker's reported heap
 * (SupervisorTests).
 */
class RecyclingProcessTests {

	@Test
	void recyclesAWorkerAfterMaxRequestsWithoutLosingARequest() {
		assertRecycles("REQUESTS", "--cluster.worker.max-requests=300", "--cluster.worker.max-requests-jitter=50");
	}

	private void assertRecycles(String reason, String... settings) {
		String[] arguments = new String[settings.length + 1];
		System.arraycopy(settings, 0, arguments, 0, settings.length);
		arguments[settings.length] = "--cluster.shutdown.drain-period=300ms";
		try (MigrateReq migrate = MigrateReq.set("1");
				ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), arguments)) {
			cluster.awaitWorkersUp(2);
			LoadGenerator load = new LoadGenerator(cluster.port(), 4, Duration.ofMillis(20));
			try (load) {
				cluster.awaitCluster(ClusterProcess.STARTUP,
						(view) -> view.get("restarts").get(reason).asInt() >= 1 && view.get("upWorkers").asInt() == 2);
				cluster.awaitOutput("Drained worker", Duration.ofSeconds(30));
			}
			assertThat(load.failures()).isEmpty();
			assertThat(load.succeeded()).isPositive();
			assertThat(cluster.output()).contains("replacing it");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
