package dev.clusterboot.api.status;

import java.util.Locale;

/**
 * Why the master replaced a worker. Used as the bounded {@code reason} tag of the
 * {@code cluster.worker.restarts} counter.
 *
 * @author cluster-spring-boot-starter
 */
public enum RestartReason {

	/**
	 * The worker exited without being asked to.
	 */
	CRASH,

	/**
	 * The worker stopped sending heartbeats.
	 */
	HANG,

	/**
	 * The worker did not become ready within its boot timeout.
	 */
	BOOT_TIMEOUT,

	/**
	 * The worker used more memory than allowed.
	 */
	MEMORY,

	/**
	 * The worker served its maximum number of requests.
	 */
	REQUESTS,

	/**
	 * The worker was replaced by a rolling restart.
	 */
	ROLLING;

	/**
	 * Return the lower-case, dash-separated name used in JSON, logs and metric tags.
	 * @return the tag value, for example {@code boot-timeout}
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
