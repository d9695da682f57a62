package dev.clusterboot.autoconfigure;

import java.nio.file.Path;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.metrics.prometheus.ClusterPrometheusScrapeEndpointExtension;
import dev.clusterboot.metrics.prometheus.ClusterScrapeMetrics;
import dev.clusterboot.metrics.prometheus.WorkerScrapeServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterPrometheusAutoConfiguration}. A real control socket stands in
 * for the master, since a worker's agent connects to it as the context starts.
 */
class ClusterPrometheusAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				ClusterAutoConfiguration.class, MetricsAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class, ClusterPrometheusAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=prometheus");

	@RegisterExtension
	final FakeMaster master = FakeMaster.silent();

	private ApplicationContextRunner inAWorker() {
		return this.contextRunner.withPropertyValues(this.master.workerEnvironment(1));
	}

	@Test
	void clusterScrapeIsAutoConfiguredInAWorkerExposingThePrometheusEndpoint() {
		inAWorker().run((context) -> {
			assertThat(context).hasSingleBean(PrometheusScrapeEndpoint.class)
				.hasSingleBean(ClusterPrometheusScrapeEndpointExtension.class)
				.hasSingleBean(ClusterScrapeMetrics.class)
				.hasSingleBean(WorkerScrapeServer.class);
			WorkerScrapeServer server = context.getBean(WorkerScrapeServer.class);
			assertThat(server.socket().getParent()).isEqualTo(this.master.socket().getParent());
			assertThat(server.socket()).exists();
			assertThat(context.getBean(PrometheusMeterRegistry.class).find(ClusterScrapeMetrics.MISSED).meter())
				.isNotNull();
		});
	}

	@Test
	void scrapeSocketIsDeletedWhenTheWorkerStops() {
		Path[] socket = new Path[1];
		inAWorker().run((context) -> socket[0] = context.getBean(WorkerScrapeServer.class).socket());
		assertThat(socket[0]).doesNotExist();
	}

	@Test
	void nothingIsConfiguredOutsideAWorker() {
		this.contextRunner.withPropertyValues("cluster.workers=2")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PrometheusScrapeEndpoint.class)
				.doesNotHaveBean(ClusterPrometheusScrapeEndpointExtension.class)
				.doesNotHaveBean(WorkerScrapeServer.class)
				.doesNotHaveBean(ClusterScrapeMetrics.class));
	}

	@Test
	void nothingIsConfiguredWithoutThePrometheusRegistry() {
		inAWorker().withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(WorkerAgent.class)
				.doesNotHaveBean(ClusterPrometheusScrapeEndpointExtension.class)
				.doesNotHaveBean(WorkerScrapeServer.class)
				.doesNotHaveBean(ClusterScrapeMetrics.class));
	}

	@Test
	void nothingIsConfiguredWhenThePrometheusEndpointIsNotExposed() {
		inAWorker().withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).hasSingleBean(WorkerAgent.class)
				.doesNotHaveBean(ClusterPrometheusScrapeEndpointExtension.class)
				.doesNotHaveBean(WorkerScrapeServer.class));
	}

	@Test
	void nothingIsConfiguredWhenPrometheusExportIsDisabled() {
		inAWorker().withPropertyValues("management.prometheus.metrics.export.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(WorkerAgent.class)
				.doesNotHaveBean(ClusterPrometheusScrapeEndpointExtension.class));
	}

}
