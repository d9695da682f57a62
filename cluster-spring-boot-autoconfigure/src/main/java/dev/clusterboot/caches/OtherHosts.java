package dev.clusterboot.caches;

/**
 * Carries a worker's cache evictions to the workers of the other hosts, as
 * {@link CoherentCaches} carries them to the other workers of its own host. The starter's
 * one is on Redis pub/sub ({@code dev.clusterboot.caches.redis}); with none, coherence
 * stops at the host's edge.
 *
 * @author cluster-spring-boot-starter
 */
@FunctionalInterface
public interface OtherHosts {

	/**
	 * Tell the other hosts about a change of this worker's cache. Must not block: the
	 * caller is the thread that changed the cache, often a request's.
	 * @param eviction what the other hosts' workers evict
	 */
	void tell(CacheEviction eviction);

}
