package dev.clusterboot.caches;

import java.util.Collection;
import java.util.List;

import javax.cache.Caching;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.cache.support.AbstractCacheManager;
import org.springframework.cache.support.NoOpCache;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.cache.support.SimpleCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheManagerKind} and {@link JCacheProviders}: which cache managers
 * keep their caches in each worker, which share them, and which the starter cannot tell.
 */
class CacheManagerKindTests {

	@Test
	void springsConcurrentMapAndCaffeineManagersKeepTheirCachesInEachWorker() {
		assertThat(CacheManagerKind.of(new ConcurrentMapCacheManager()))
			.isEqualTo(new CacheManagerKind(CacheLocation.IN_EACH_WORKER, "ConcurrentMapCacheManager", false));
		assertThat(CacheManagerKind.of(new CaffeineCacheManager()))
			.isEqualTo(new CacheManagerKind(CacheLocation.IN_EACH_WORKER, "CaffeineCacheManager", false));
		assertThat(CacheManagerKind.of(new ConcurrentMapCacheManager() {
		}).location()).as("a subclass").isEqualTo(CacheLocation.IN_EACH_WORKER);
	}

	@Test
	void aManagerThatKeepsNothingHasNothingToKeepCoherent() {
		assertThat(CacheManagerKind.of(new NoOpCacheManager()).location()).isEqualTo(CacheLocation.SHARED);
	}

	@Test
	void aSimpleCacheManagerIsLocalOnlyWhenEveryCacheItHoldsIs() {
		assertThat(CacheManagerKind.of(simple(new ConcurrentMapCache("a"), new ConcurrentMapCache("b"))))
			.isEqualTo(new CacheManagerKind(CacheLocation.IN_EACH_WORKER, "SimpleCacheManager", true));
		assertThat(CacheManagerKind.of(simple(new ConcurrentMapCache("a"), new NoOpCache("b"))).location())
			.isEqualTo(CacheLocation.UNKNOWN);
	}

	@Test
	void aManagerOfAnotherTypeIsUnknown() {
		assertThat(CacheManagerKind.of(new OwnCacheManager()))
			.isEqualTo(new CacheManagerKind(CacheLocation.UNKNOWN, "OwnCacheManager", false));
	}

	@ParameterizedTest
	@CsvSource({ "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider, CaffeineCachingProvider",
			"org.ehcache.jsr107.EhcacheCachingProvider, EhcacheCachingProvider" })
	void jcacheOnCaffeineOrEhcacheKeepsItsCachesInEachWorker(String provider, String name) {
		try (javax.cache.CacheManager jcache = Caching.getCachingProvider(provider).getCacheManager()) {
			assertThat(CacheManagerKind.of(new JCacheCacheManager(jcache))).isEqualTo(new CacheManagerKind(
					CacheLocation.IN_EACH_WORKER, "JCacheCacheManager on " + name, true));
		}
	}

	@Test
	void ehcacheClusteredOnAServerAndTheDistributedProvidersShareTheirCaches() {
		assertThat(JCacheProviders.location("org.ehcache.jsr107.EhcacheCachingProvider", () -> true))
			.isEqualTo(CacheLocation.SHARED);
		assertThat(JCacheProviders.location("org.ehcache.jsr107.EhcacheCachingProvider", () -> false))
			.isEqualTo(CacheLocation.IN_EACH_WORKER);
		assertThat(List.of("com.hazelcast.cache.HazelcastCachingProvider", "org.redisson.jcache.JCachingProvider",
				"org.apache.ignite.cache.CachingProvider", "org.infinispan.jcache.remote.JCachingProvider"))
			.allSatisfy((provider) -> assertThat(JCacheProviders.location(provider, () -> false))
				.isEqualTo(CacheLocation.SHARED));
	}

	@Test
	void anotherJCacheProviderIsUnknown() {
		assertThat(JCacheProviders.location("org.infinispan.jcache.embedded.JCachingProvider", () -> false))
			.as("Infinispan embedded: local or clustered, by its configuration")
			.isEqualTo(CacheLocation.UNKNOWN);
		assertThat(JCacheProviders.location("com.example.OwnCachingProvider", () -> false))
			.isEqualTo(CacheLocation.UNKNOWN);
	}

	@Test
	void aWarningNamesAtMostTenCachesInOrder() {
		assertThat(LocalCacheDetector.names(List.of())).isEmpty();
		assertThat(LocalCacheDetector.names(List.of("b", "a"))).isEqualTo(" (a, b)");
		assertThat(LocalCacheDetector.names(List.of("l", "k", "j", "i", "h", "g", "f", "e", "d", "c", "b", "a")))
			.isEqualTo(" (a, b, c, d, e, f, g, h, i, j, and 2 more)");
	}

	private static SimpleCacheManager simple(Cache... caches) {
		SimpleCacheManager manager = new SimpleCacheManager();
		manager.setCaches(List.of(caches));
		manager.afterPropertiesSet();
		return manager;
	}

	static final class OwnCacheManager extends AbstractCacheManager {

		@Override
		protected Collection<? extends Cache> loadCaches() {
			return List.of();
		}

		@Override
		protected @Nullable Cache getMissingCache(String name) {
			return new ConcurrentMapCache(name);
		}

	}

}
