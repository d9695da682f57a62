package dev.clusterboot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.clusterboot.actuate.health.ClusterHealthIndicator;
import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.startup.ClusterProperties;

/**
 * Auto-configuration of the {@link ClusterHealthIndicator cluster health indicator} in a
 * worker, when Boot's health support is present and {@code management.health.cluster.enabled}
 * is not false.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ClusterStatusClient.class)
@ConditionalOnEnabledHealthIndicator("cluster")
public final class ClusterHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "clusterHealthIndicator")
	ClusterHealthIndicator clusterHealthIndicator(ClusterStatusClient client, ClusterProperties properties) {
		return new ClusterHealthIndicator(client, properties.getHealth().getMinUpWorkers());
	}

}
