package dev.clusterboot.process;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the master: no orphan worker keeps running, none holds the port.
 */
class MasterKilledProcessTests {

	@Test
	void workersExitWithinTenSecondsWhenTheMasterIsKilled() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort())) {
			cluster.awaitWorkersUp(2);
			List<ProcessHandle> workers = cluster.workersEverSeen();
			assertThat(workers).hasSize(2);
			cluster.process().toHandle().destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
			ClusterModeProcessTests.assertPortIsFree(cluster.port());
		}
	}

}
