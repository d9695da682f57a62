package dev.clusterboot.caches.redis;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.caches.CacheEviction;

/**
 * An eviction between hosts: what a worker publishes on Redis, and what a host's leader
 * relays to its own workers. It names the host it comes from, so that a host drops its
 * own, which its workers already told each other.
 *
 * @param origin the id of the host (of its master) where the cache changed
 * @param eviction what to evict, or {@code null} to clear every coherent cache, because
 * the host may have missed evictions
 * @author cluster-spring-boot-starter
 */
public record HostEviction(String origin, @Nullable CacheEviction eviction) {

	/**
	 * Clear every coherent cache of a host that may have missed evictions.
	 * @param origin the id of the host that missed them
	 * @return the message
	 */
	public static HostEviction clearAll(String origin) {
		return new HostEviction(origin, null);
	}

}
