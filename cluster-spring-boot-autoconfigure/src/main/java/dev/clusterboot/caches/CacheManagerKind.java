package dev.clusterboot.caches;

import java.util.List;
import java.util.Optional;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.clusterboot.statewarnings.TypeNames;

/**
 * What kind of cache manager a {@link CacheManager} bean is: where it keeps its caches,
 * and its type as a warning names it. Known by type names, so that none of the optional
 * cache libraries needs to be on the class path; a JCache manager is known by its
 * provider ({@link JCacheProviders}).
 *
 * @param location where the manager keeps its caches
 * @param type the manager's type as a warning shows it, such as
 * {@code JCacheCacheManager on CaffeineCachingProvider}
 * @param fixedCaches whether the manager's caches are known once it is initialized
 * (JCache's, or those given to a {@code SimpleCacheManager}), rather than created on first
 * use, so that every worker names the same caches
 * @author cluster-spring-boot-starter
 */
record CacheManagerKind(CacheLocation location, String type, boolean fixedCaches) {

	/**
	 * Managers whose caches live in the worker's heap, each cache a Spring {@link Cache}
	 * that a coherent wrapper can hold.
	 */
	private static final List<String> IN_EACH_WORKER = List.of(
			"org.springframework.cache.concurrent.ConcurrentMapCacheManager",
			"org.springframework.cache.caffeine.CaffeineCacheManager",
			"org.cache2k.extra.spring.SpringCache2kCacheManager");

	/**
	 * Managers whose caches every worker shares, or that keep nothing.
	 */
	private static final List<String> SHARED = List.of("org.springframework.cache.support.NoOpCacheManager",
			"org.springframework.data.redis.cache.RedisCacheManager", "com.hazelcast.spring.cache.HazelcastCacheManager",
			"org.springframework.data.couchbase.cache.CouchbaseCacheManager",
			"org.infinispan.spring.remote.provider.SpringRemoteCacheManager",
			"org.redisson.spring.cache.RedissonSpringCacheManager");

	private static final String JCACHE = "org.springframework.cache.jcache.JCacheCacheManager";

	/**
	 * Spring's manager of caches given to it: in each worker when every cache it holds is
	 * one of the local kinds below.
	 */
	private static final String SIMPLE = "org.springframework.cache.support.SimpleCacheManager";

	private static final List<String> LOCAL_CACHES = List.of("org.springframework.cache.concurrent.ConcurrentMapCache",
			"org.springframework.cache.caffeine.CaffeineCache");

	/**
	 * Tell what kind of manager a cache manager is.
	 * @param manager the cache manager
	 * @return its kind; {@link CacheLocation#UNKNOWN} for a type the starter does not know
	 */
	static CacheManagerKind of(CacheManager manager) {
		Class<?> type = manager.getClass();
		Optional<String> known = IN_EACH_WORKER.stream().filter((name) -> TypeNames.isA(type, name)).findFirst();
		if (known.isPresent()) {
			return new CacheManagerKind(CacheLocation.IN_EACH_WORKER, simpleName(known.get()), false);
		}
		known = SHARED.stream().filter((name) -> TypeNames.isA(type, name)).findFirst();
		if (known.isPresent()) {
			return new CacheManagerKind(CacheLocation.SHARED, simpleName(known.get()), false);
		}
		if (TypeNames.isA(type, JCACHE)) {
			return JCacheProviders.kind(manager);
		}
		if (TypeNames.isA(type, SIMPLE)) {
			return new CacheManagerKind(holdsLocalCachesOnly(manager) ? CacheLocation.IN_EACH_WORKER
					: CacheLocation.UNKNOWN, simpleName(SIMPLE), true);
		}
		return new CacheManagerKind(CacheLocation.UNKNOWN, type.getSimpleName(), false);
	}

	private static boolean holdsLocalCachesOnly(CacheManager manager) {
		return manager.getCacheNames().stream().map(manager::getCache).allMatch((cache) -> cache != null
				&& LOCAL_CACHES.stream().anyMatch((name) -> TypeNames.isA(cache.getClass(), name)));
	}

	/**
	 * Return a class's name without its package.
	 * @param name a fully qualified class name
	 * @return the simple name
	 */
	static String simpleName(String name) {
		return name.substring(name.lastIndexOf('.') + 1);
	}

}
