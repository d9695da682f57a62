package dev.clusterboot.warmup;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The warm-up that {@code cluster.worker.warm-up.*} configures, in the terms the
 * {@link WarmUpRunner} takes: whether it runs, its routes and its limits. The properties
 * hold the values and their bounds; turning them into the warm-up lives here, with the
 * feature.
 *
 * @author cluster-spring-boot-starter
 */
public final class ConfiguredWarmUp {

	private ConfiguredWarmUp() {
	}

	/**
	 * Return whether workers warm up: when the warm-up is enabled and has routes.
	 * @param properties the warm-up's properties
	 * @return {@code true} when workers warm up before they join the port
	 */
	public static boolean runs(ClusterWarmUpProperties properties) {
		return properties.isEnabled() && !properties.getRoutes().isEmpty();
	}

	/**
	 * Return the routes as the warm-up runner takes them.
	 * @param properties the warm-up's properties
	 * @return the routes, each with its method in upper case
	 */
	public static List<WarmUpRoute> routes(ClusterWarmUpProperties properties) {
		return properties.getRoutes()
			.stream()
			.map((route) -> new WarmUpRoute(route.getMethod(), String.valueOf(route.getPath()), route.getHeaders()))
			.toList();
	}

	/**
	 * Return the limits as the warm-up runner takes them.
	 * @param properties the warm-up's properties
	 * @return the limits
	 */
	public static WarmUpLimits limits(ClusterWarmUpProperties properties) {
		return new WarmUpLimits(properties.getDuration(), properties.getRequests(), properties.getConcurrency(),
				properties.getTimeLimit());
	}

	/**
	 * Return a runner of the configured warm-up.
	 * @param properties the warm-up's properties
	 * @return the runner, or {@code null} when workers do not warm up
	 */
	public static @Nullable WarmUpRunner runner(ClusterWarmUpProperties properties) {
		return runs(properties) ? new WarmUpRunner(routes(properties), limits(properties)) : null;
	}

}
