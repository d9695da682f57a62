package dev.clusterboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.clusterboot.actuate.endpoint.ClusterEndpoint;
import dev.clusterboot.actuate.endpoint.ClusterEndpointWebExtension;
import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.channel.FakeMaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterEndpointAutoConfiguration}: the endpoint's web extension comes
 * with the endpoint's exposure over HTTP.
 */
class ClusterEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				ClusterAutoConfiguration.class, ClusterEndpointAutoConfiguration.class));

	@RegisterExtension
	final FakeMaster master = FakeMaster.silent();

	private ApplicationContextRunner inAWorker() {
		return this.contextRunner.withPropertyValues(this.master.workerEnvironment(1));
	}

	@Test
	void webExtensionIsAutoConfiguredWhenTheEndpointIsExposedOverHttp() {
		inAWorker().withPropertyValues("management.endpoints.web.exposure.include=cluster")
			.run((context) -> assertThat(context).hasSingleBean(ClusterEndpoint.class)
				.hasSingleBean(ClusterEndpointWebExtension.class));
	}

	@Test
	void webExtensionIsNotConfiguredWhenTheEndpointIsExposedOnlyOverJmx() {
		inAWorker()
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=cluster",
					"management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).hasSingleBean(ClusterEndpoint.class)
				.doesNotHaveBean(ClusterEndpointWebExtension.class));
	}

	@Test
	void webExtensionBacksOffWhenTheUserDefinesOne() {
		inAWorker().withPropertyValues("management.endpoints.web.exposure.include=cluster")
			.withBean("customExtension", ClusterEndpointWebExtension.class,
					() -> new ClusterEndpointWebExtension(
							new ClusterEndpoint(new ClusterStatusClient(this.master.socket()))))
			.run((context) -> assertThat(context).getBean(ClusterEndpointWebExtension.class)
				.isSameAs(context.getBean("customExtension")));
	}

}
