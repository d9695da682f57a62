package dev.clusterboot.autoconfigure;

import java.io.IOException;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.clusterboot.actuate.endpoint.ClusterEndpoint;
import dev.clusterboot.actuate.health.ClusterHealthIndicator;
import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.metrics.ClusterMeterBinder;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.PortJoins;
import dev.clusterboot.portgroup.WebServerSupportCheck;
import dev.clusterboot.portgroup.tomcat.TomcatReusePortCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the cluster's auto-configurations. A real control socket stands in for the
 * master, since a worker's agent connects to it as the context starts.
 */
class ClusterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				ClusterAutoConfiguration.class, ClusterEndpointAutoConfiguration.class,
				ClusterHealthAutoConfiguration.class, ClusterMetricsAutoConfiguration.class));

	@RegisterExtension
	final FakeMaster master = FakeMaster.silent();

	private ApplicationContextRunner inAWorker() {
		return this.contextRunner.withPropertyValues(this.master.workerEnvironment(1))
			.withPropertyValues("management.endpoints.web.exposure.include=cluster");
	}

	@Test
	void workerBeansAreAutoConfiguredInAWorker() {
		inAWorker().run((context) -> {
			assertThat(context).hasSingleBean(WorkerAgent.class)
				.hasSingleBean(ClusterStatusClient.class)
				.hasSingleBean(ClusterEndpoint.class)
				.hasSingleBean(ClusterHealthIndicator.class)
				.hasSingleBean(ClusterMeterBinder.class)
				.hasSingleBean(PortJoins.class);
			assertThat(context.getBean(WorkerIdentity.class).id()).isEqualTo(1);
			assertThat(context.getBean(WorkerIdentity.class).controlSocket()).isEqualTo(this.master.socket());
		});
	}

	@Test
	void nothingIsConfiguredOutsideAWorker() {
		this.contextRunner.withPropertyValues("cluster.workers=2").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(WorkerAgent.class)
				.doesNotHaveBean(ClusterStatusClient.class)
				.doesNotHaveBean(TomcatReusePortCustomizer.class)
				.doesNotHaveBean(ClusterEndpoint.class)
				.doesNotHaveBean(ClusterHealthIndicator.class)
				.doesNotHaveBean(ClusterMeterBinder.class);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAStatusClient() {
		inAWorker().withUserConfiguration(CustomClientConfiguration.class)
			.run((context) -> assertThat(context).getBean(ClusterStatusClient.class)
				.isSameAs(context.getBean("customClient")));
	}

	@Test
	void endpointIsNotConfiguredWithoutActuator() {
		inAWorker().withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(WorkerAgent.class)
				.doesNotHaveBean(ClusterEndpoint.class));
	}

	@Test
	void endpointIsNotConfiguredWhenNotExposed() {
		inAWorker().withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterEndpoint.class));
	}

	@Test
	void healthIndicatorIsNotConfiguredWithoutBootHealthOrWhenDisabled() {
		inAWorker().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterHealthIndicator.class));
		inAWorker().withPropertyValues("management.health.cluster.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterHealthIndicator.class));
	}

	@Test
	void metersAreNotConfiguredWithoutMicrometer() {
		inAWorker().withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(WorkerAgent.class)
				.doesNotHaveBean(ClusterMeterBinder.class));
	}

	@Test
	void aWorkerWithoutAWebServerJoinsNoPortGroup() {
		inAWorker().run((context) -> assertThat(context).hasSingleBean(WorkerAgent.class)
			.doesNotHaveBean(PortGroupMember.class)
			.doesNotHaveBean(TomcatReusePortCustomizer.class)
			.doesNotHaveBean(WebServerSupportCheck.class));
	}

	@Test
	void aWorkerWhoseMasterIsGoneFailsToStartWithAClearMessage() {
		this.master.close();
		inAWorker().run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(IOException.class));
		inAWorker().run((context) -> assertThat(context.getStartupFailure())
			.hasMessageContaining("cannot reach its cluster master"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomClientConfiguration {

		@Bean
		ClusterStatusClient customClient() {
			return new ClusterStatusClient(java.nio.file.Path.of("/nonexistent"));
		}

	}

}
