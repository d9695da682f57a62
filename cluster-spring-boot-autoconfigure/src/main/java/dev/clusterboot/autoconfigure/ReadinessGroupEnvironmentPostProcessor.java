package dev.clusterboot.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.startup.ClusterHealthProperties;

/**
 * Puts the {@code cluster} health component into a worker's readiness group when Boot's
 * availability probes are on, so that a Kubernetes pod whose cluster has too few workers
 * up ({@code cluster.health.min-up-workers}) stops receiving traffic. Liveness stays
 * Boot's {@code livenessState} alone: a pod must not be restarted because one of its
 * workers is restarting, which the master already handles.
 * <p>
 * The group's membership is added as the lowest-precedence default, so any
 * {@code management.endpoint.health.group.readiness.include} the user sets wins. Probes
 * are on where Boot turns them on: {@code management.endpoint.health.probes.enabled}, or
 * else on Kubernetes or Cloud Foundry.
 *
 * @author cluster-spring-boot-starter
 */
final class ReadinessGroupEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

	static final String PROPERTY_SOURCE_NAME = "clusterReadinessGroup";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClusterRole.of(environment) != ClusterRole.WORKER || !probesEnabled(environment)
				|| !clusterIndicatorEnabled(environment)
				|| !Binder.get(environment)
					.bindOrCreate("cluster.health", ClusterHealthProperties.class)
					.isIncludeInReadiness()) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of(READINESS_INCLUDE, "readinessState,cluster")));
	}

	private static boolean probesEnabled(ConfigurableEnvironment environment) {
		Boolean enabled = environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class);
		if (enabled != null) {
			return enabled;
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		return platform == CloudPlatform.KUBERNETES || platform == CloudPlatform.CLOUD_FOUNDRY;
	}

	private static boolean clusterIndicatorEnabled(ConfigurableEnvironment environment) {
		boolean defaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		return environment.getProperty("management.health.cluster.enabled", Boolean.class, defaults);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
