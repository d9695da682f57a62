package dev.clusterboot.autoconfigure;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.metrics.prometheus.ClusterPrometheusScrapeEndpointExtension;
import dev.clusterboot.metrics.prometheus.ClusterScrapeMetrics;
import dev.clusterboot.metrics.prometheus.WorkerScrapeServer;
import dev.clusterboot.startup.ClusterProperties;

/**
 * Auto-configuration of one Prometheus scrape for the whole cluster, in a worker whose
 * application has {@code micrometer-registry-prometheus} and exposes Boot's
 * {@code prometheus} endpoint. Ordered after Boot's Prometheus export by class name, so
 * that the dependency stays optional, and backing off whenever Boot's endpoint is not
 * there.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnClass({ PrometheusMeterRegistry.class, PrometheusScrapeEndpoint.class, Endpoint.class })
@ConditionalOnClusterWorker
@ConditionalOnAvailableEndpoint(PrometheusScrapeEndpoint.class)
@ConditionalOnBean({ PrometheusScrapeEndpoint.class, PrometheusMeterRegistry.class, ClusterStatusClient.class,
		WorkerIdentity.class })
public final class ClusterPrometheusAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterScrapeMetrics clusterScrapeMetrics() {
		return new ClusterScrapeMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerScrapeServer clusterWorkerScrapeServer(WorkerIdentity identity, PrometheusScrapeEndpoint endpoint) {
		return new WorkerScrapeServer(identity.controlSocket().getParent(), endpoint);
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterPrometheusScrapeEndpointExtension clusterPrometheusScrapeEndpointExtension(PrometheusScrapeEndpoint endpoint,
			PrometheusMeterRegistry registry, ClusterStatusClient status, ClusterScrapeMetrics metrics,
			WorkerIdentity identity, ClusterProperties properties) {
		return new ClusterPrometheusScrapeEndpointExtension(endpoint, registry, status, metrics, identity,
				properties.getMetrics().getScrapeTimeout());
	}

}
