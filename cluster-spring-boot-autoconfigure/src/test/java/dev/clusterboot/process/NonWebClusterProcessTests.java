package dev.clusterboot.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-web application in cluster mode: its workers run without a port, the master
 * holds none, and SIGTERM stops them as usual.
 */
class NonWebClusterProcessTests {

	@Test
	void workersOfANonWebApplicationRunWithoutAPortAndStopOnSigterm() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--spring.main.web-application-type=none", "--spring.main.keep-alive=true")) {
			cluster.awaitOutput("Worker 1 (pid", ClusterProcess.STARTUP);
			cluster.awaitOutput("is up after", ClusterProcess.STARTUP);
			assertThat(cluster.output()).contains("workers run without a port, and the master holds none")
				.contains("starting 2 workers without a port");
			cluster.awaitOutput("Worker 2 (pid", ClusterProcess.STARTUP);
			ClusterModeProcessTests.assertPortIsFree(cluster.port());
			cluster.process().toHandle().destroy();
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isZero();
			assertThat(cluster.output()).doesNotContain("exited unexpectedly");
		}
	}

}
