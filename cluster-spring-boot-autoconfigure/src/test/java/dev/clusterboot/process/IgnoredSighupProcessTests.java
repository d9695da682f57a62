package dev.clusterboot.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master started with SIGHUP ignored, as {@code nohup} starts it: the JVM then leaves
 * SIGHUP ignored, so the master says at startup what restarts the workers instead, and
 * SIGUSR1 does.
 */
class IgnoredSighupProcessTests {

	@Test
	void underNohupTheMasterSaysSighupIsIgnoredAndSigusr1RestartsEveryWorker() {
		try (ClusterProcess cluster = ClusterProcess.startIgnoringSighup(ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms")) {
			cluster.awaitWorkersUp(2);
			assertThat(cluster.output()).contains("SIGHUP is ignored")
				.contains("kill -USR1 " + cluster.pid());
			Signals.send("USR1", cluster.pid());
			// the rollout itself is the one every contract test runs; here it only has to start
			cluster.awaitOutput("Rolling restart of 2 workers started", ClusterProcess.STARTUP);
			assertThat(cluster.output()).contains("Received SIGUSR1");
		}
	}

}
