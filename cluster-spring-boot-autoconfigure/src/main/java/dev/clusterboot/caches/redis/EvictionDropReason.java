package dev.clusterboot.caches.redis;

import java.util.Locale;

/**
 * Why a worker dropped an eviction meant for the other hosts: the bounded {@code reason}
 * tag of the {@code cluster.caches.redis.dropped} counter.
 *
 * @author cluster-spring-boot-starter
 */
public enum EvictionDropReason {

	/**
	 * The worker's queue of evictions waiting to be published was full: Redis was slower
	 * than the changes.
	 */
	QUEUE_FULL,

	/**
	 * Redis did not take the eviction (unreachable, or past its timeout), or was known to
	 * be down.
	 */
	UNREACHABLE;

	/**
	 * Return the lower-case, dash-separated name used in logs and metric tags.
	 * @return the tag value, for example {@code queue-full}
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
