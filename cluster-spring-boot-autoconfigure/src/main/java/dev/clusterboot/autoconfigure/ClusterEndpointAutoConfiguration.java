package dev.clusterboot.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.clusterboot.actuate.endpoint.ClusterEndpoint;
import dev.clusterboot.actuate.endpoint.ClusterEndpointWebExtension;
import dev.clusterboot.agent.ClusterStatusClient;

/**
 * Auto-configuration of the {@link ClusterEndpoint cluster endpoint} in a worker, when
 * Actuator is present and the endpoint is available, and of its
 * {@link ClusterEndpointWebExtension web extension} when it is exposed over HTTP.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ClusterStatusClient.class)
@ConditionalOnAvailableEndpoint(ClusterEndpoint.class)
public final class ClusterEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterEndpoint clusterEndpoint(ClusterStatusClient client) {
		return new ClusterEndpoint(client);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ClusterEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	ClusterEndpointWebExtension clusterEndpointWebExtension(ClusterEndpoint endpoint) {
		return new ClusterEndpointWebExtension(endpoint);
	}

}
