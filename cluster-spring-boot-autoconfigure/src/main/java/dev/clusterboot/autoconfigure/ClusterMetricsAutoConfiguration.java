package dev.clusterboot.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.metrics.ClusterMeterBinder;

/**
 * Auto-configuration of the cluster's {@link ClusterMeterBinder meters} in a worker,
 * when Micrometer is present. Ordered after Boot's metrics auto-configuration by name,
 * so that the dependency stays optional.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(ClusterStatusClient.class)
public final class ClusterMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterMeterBinder clusterMeterBinder(ClusterStatusClient client) {
		return new ClusterMeterBinder(client);
	}

}
