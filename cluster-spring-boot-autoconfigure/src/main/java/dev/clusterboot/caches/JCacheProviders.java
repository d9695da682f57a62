package dev.clusterboot.caches;

import java.util.List;
import java.util.function.BooleanSupplier;

import javax.cache.CacheManager;

import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Where a JCache (JSR-107) cache manager keeps its caches, told by its caching provider:
 * Caffeine's keeps them in the worker's heap, and so does Ehcache's unless it is
 * clustered on a Terracotta server; Hazelcast's, Redisson's, Ignite's and Infinispan's
 * remote client share them. Any other provider is unknown. Loaded only for a
 * {@link JCacheCacheManager}, so that the JCache API is needed only where JCache is used.
 *
 * @author cluster-spring-boot-starter
 */
final class JCacheProviders {

	private static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

	private static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";

	private static final List<String> SHARED_PACKAGES = List.of("com.hazelcast.", "org.redisson.",
			"org.apache.ignite.", "org.infinispan.jcache.remote.");

	private static final String MANAGER = "JCacheCacheManager";

	private JCacheProviders() {
	}

	/**
	 * Tell what kind of manager a {@link JCacheCacheManager} is, by its provider.
	 * @param manager a {@link JCacheCacheManager}
	 * @return its kind, its type naming the provider
	 */
	static CacheManagerKind kind(org.springframework.cache.CacheManager manager) {
		CacheManager jcache = ((JCacheCacheManager) manager).getCacheManager();
		if (jcache == null) {
			return new CacheManagerKind(CacheLocation.UNKNOWN, MANAGER, true);
		}
		String provider = jcache.getCachingProvider().getClass().getName();
		return new CacheManagerKind(location(provider, () -> Ehcache.isClustered(jcache)),
				MANAGER + " on " + CacheManagerKind.simpleName(provider), true);
	}

	/**
	 * Tell where a provider keeps its caches.
	 * @param provider the provider's class name
	 * @param clustered whether an Ehcache manager is clustered, asked only of Ehcache's
	 * @return where its caches live
	 */
	static CacheLocation location(String provider, BooleanSupplier clustered) {
		if (provider.equals(CAFFEINE)) {
			return CacheLocation.IN_EACH_WORKER;
		}
		if (provider.equals(EHCACHE)) {
			return clustered.getAsBoolean() ? CacheLocation.SHARED : CacheLocation.IN_EACH_WORKER;
		}
		return SHARED_PACKAGES.stream().anyMatch(provider::startsWith) ? CacheLocation.SHARED : CacheLocation.UNKNOWN;
	}

	/**
	 * Ehcache's own view of a manager, loaded only for Ehcache's provider.
	 */
	private static final class Ehcache {

		private static final String CLUSTERED_PACKAGE = "org.ehcache.clustered.";

		static boolean isClustered(CacheManager jcache) {
			return jcache.unwrap(org.ehcache.CacheManager.class)
				.getRuntimeConfiguration()
				.getServiceCreationConfigurations()
				.stream()
				.anyMatch((service) -> service.getClass().getName().startsWith(CLUSTERED_PACKAGE));
		}

	}

}
