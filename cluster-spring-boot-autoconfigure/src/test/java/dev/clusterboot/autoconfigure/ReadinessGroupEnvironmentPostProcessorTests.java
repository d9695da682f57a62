package dev.clusterboot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReadinessGroupEnvironmentPostProcessor}.
 */
class ReadinessGroupEnvironmentPostProcessorTests {

	private final ReadinessGroupEnvironmentPostProcessor postProcessor = new ReadinessGroupEnvironmentPostProcessor();

	@Test
	void workerWithProbesEnabledHasTheClusterInItsReadinessGroup() {
		MockEnvironment environment = worker().withProperty("management.endpoint.health.probes.enabled", "true");
		process(environment);
		assertThat(environment.getProperty(ReadinessGroupEnvironmentPostProcessor.READINESS_INCLUDE))
			.isEqualTo("readinessState,cluster");
		assertThat(environment.getProperty("management.endpoint.health.group.liveness.include")).isNull();
	}

	@Test
	void workerOnKubernetesHasTheClusterInItsReadinessGroup() {
		MockEnvironment environment = worker();
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443")));
		process(environment);
		assertThat(environment.getProperty(ReadinessGroupEnvironmentPostProcessor.READINESS_INCLUDE))
			.isEqualTo("readinessState,cluster");
	}

	@Test
	void readinessGroupTheUserConfiguredWins() {
		MockEnvironment environment = worker().withProperty("management.endpoint.health.probes.enabled", "true")
			.withProperty(ReadinessGroupEnvironmentPostProcessor.READINESS_INCLUDE, "readinessState,db");
		process(environment);
		assertThat(environment.getProperty(ReadinessGroupEnvironmentPostProcessor.READINESS_INCLUDE))
			.isEqualTo("readinessState,db");
	}

	@Test
	void nothingIsAddedWithoutProbes() {
		MockEnvironment environment = worker();
		process(environment);
		assertThat(environment.getPropertySources().contains(ReadinessGroupEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void nothingIsAddedOutsideAWorker() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.endpoint.health.probes.enabled", "true")
			.withProperty("cluster.workers", "2");
		process(environment);
		assertThat(environment.getProperty(ReadinessGroupEnvironmentPostProcessor.READINESS_INCLUDE)).isNull();
	}

	@Test
	void nothingIsAddedWhenTheIndicatorIsOffOrTheUserOptsOut() {
		MockEnvironment disabled = worker().withProperty("management.endpoint.health.probes.enabled", "true")
			.withProperty("management.health.cluster.enabled", "false");
		MockEnvironment defaultsOff = worker().withProperty("management.endpoint.health.probes.enabled", "true")
			.withProperty("management.health.defaults.enabled", "false");
		MockEnvironment optedOut = worker().withProperty("management.endpoint.health.probes.enabled", "true")
			.withProperty("cluster.health.include-in-readiness", "false");
		for (MockEnvironment environment : new MockEnvironment[] { disabled, defaultsOff, optedOut }) {
			process(environment);
			assertThat(environment.getProperty(ReadinessGroupEnvironmentPostProcessor.READINESS_INCLUDE)).isNull();
		}
	}

	private static MockEnvironment worker() {
		return new MockEnvironment().withProperty("CLUSTER_WORKER_ID", "1");
	}

	private void process(MockEnvironment environment) {
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
	}

}
