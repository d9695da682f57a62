package dev.clusterboot.caches;

/**
 * Where a cache manager keeps its caches, as far as the starter can tell from the
 * manager's type and, for JCache, its provider. {@link CacheManagerKind#of} decides.
 *
 * @author cluster-spring-boot-starter
 */
enum CacheLocation {

	/**
	 * In each worker's memory: {@link CoherentCaches} keeps such caches coherent, and
	 * {@link LocalCacheDetector} warns about those it does not.
	 */
	IN_EACH_WORKER,

	/**
	 * Outside the workers, where every worker sees the same entries (Redis, a Hazelcast
	 * cluster, ...), or nowhere at all: nothing to keep coherent and nothing to warn about.
	 */
	SHARED,

	/**
	 * A manager or provider the starter does not know: it cannot keep its caches
	 * coherent, and warns, since they may well live in each worker's memory.
	 */
	UNKNOWN

}
