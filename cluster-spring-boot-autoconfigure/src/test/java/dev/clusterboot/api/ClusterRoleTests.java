package dev.clusterboot.api;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	@ParameterizedTest
	@ValueSource(strings = { "off", "no", "0", "FALSE", " false " })
	void clusterEnabledReadWithBootsBindingRulesTurnsClusterModeOff(String value) {
		assertThat(decide(Map.of("cluster.workers", "2", "cluster.enabled", value), false))
			.isEqualTo(ClusterRole.SINGLE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "yes", "1", "true" })
	void clusterEnabledTrueInAnyOfBootsSpellingsKeepsTheMaster(String value) {
		assertThat(decide(Map.of("cluster.workers", "2", "cluster.enabled", value), false))
			.isEqualTo(ClusterRole.MASTER);
	}

	@Test
	void clusterEnabledThatIsNotABooleanFailsNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> decide(Map.of("cluster.workers", "2", "cluster.enabled", "maybe"), false))
			.satisfies((ex) -> assertThat(ex.getName()).hasToString("cluster.enabled"));
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
		MockEnvironment environment = new MockEnvironment();
		properties.forEach(environment::setProperty);
		return ClusterRole.decide(environment, test);
	}

}
