package dev.clusterboot.properties;

/**
 * Bounds that hold wherever the number of workers is set: {@code cluster.workers}, a
 * scale request on the endpoint, SIGTTIN and SIGTTOU.
 *
 * @author cluster-spring-boot-starter
 */
public final class ClusterLimits {

	/**
	 * The most workers one master runs.
	 */
	public static final int MAX_WORKERS = 64;

	private ClusterLimits() {
	}

}
