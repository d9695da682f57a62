package dev.clusterboot.channel;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRole}.
 */
class ClusterRoleTests {

	@Test
	void aProcessWithAWorkerIdIsAWorker() {
		assertThat(decide(Map.of("CLUSTER_WORKER_ID", "2", "cluster.workers", "2"), false))
			.isEqualTo(ClusterRole.WORKER);
	}

	@Test
	void aProcessWithClusterWorkersSetIsTheMaster() {
		assertThat(decide(Map.of("cluster.workers", "2"), false)).isEqualTo(ClusterRole.MASTER);
	}

	@Test
	void withoutClusterWorkersTheApplicationRunsAlone() {
		assertThat(decide(Map.of(), false)).isEqualTo(ClusterRole.SINGLE);
	}

	@Test
	void clusterEnabledFalseRunsTheApplicationAlone() {
		assertThat(decide(Map.of("cluster.workers", "2", "cluster.enabled", "false"), false))
			.isEqualTo(ClusterRole.SINGLE);
	}

	@Test
	void theMastersTrainingRunRunsTheApplicationAloneWhateverItsConfiguration() {
		assertThat(decide(Map.of("CLUSTER_TRAINING_RUN", "true", "cluster.workers", "2", "cluster.enabled", "true"),
				false))
			.isEqualTo(ClusterRole.SINGLE);
	}

	@Test
	void testsNeverFork() {
		assertThat(decide(Map.of("cluster.workers", "2"), true)).isEqualTo(ClusterRole.SINGLE);
	}

	private static ClusterRole decide(Map<String, String> properties, boolean test) {
		return ClusterRole.decide(properties::get, test);
	}

}
