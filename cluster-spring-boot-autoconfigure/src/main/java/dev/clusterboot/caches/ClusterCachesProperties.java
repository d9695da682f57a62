package dev.clusterboot.caches;

/**
 * Configuration properties of the workers' local caches ({@code cluster.caches.*}).
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterCachesProperties {

	/**
	 * Whether a put, an eviction or a clear on a worker's local cache (ConcurrentMap,
	 * Caffeine, JCache on Caffeine's or Ehcache's provider) evicts the same entries on
	 * every other worker.
	 */
	private boolean coherent = true;

	public boolean isCoherent() {
		return this.coherent;
	}

	public void setCoherent(boolean coherent) {
		this.coherent = coherent;
	}

}
