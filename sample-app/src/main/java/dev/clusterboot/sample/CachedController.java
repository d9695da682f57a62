package dev.clusterboot.sample;

import java.time.Instant;
import java.util.Map;

import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterRole;

/**
 * A cached read whose eviction reaches every worker: {@code GET /cached/{key}} answers
 * from a local cache (a {@code ConcurrentMapCacheManager}) with the time the value was
 * loaded, {@code DELETE /cached/{key}} evicts it, on the worker that answers and, through
 * the cluster's coherent caches, on every other one; the next read on any worker shows a
 * new load time.
 *
 * @author cluster-spring-boot-starter
 */
@RestController
class CachedController {

	private final Lookups lookups;

	CachedController(Lookups lookups) {
		this.lookups = lookups;
	}

	@GetMapping("/cached/{key}")
	Map<String, Object> read(@PathVariable String key) {
		return Map.of("worker", worker(), "key", key, "loadedAt", this.lookups.load(key));
	}

	@DeleteMapping("/cached/{key}")
	Map<String, Object> evict(@PathVariable String key) {
		this.lookups.evict(key);
		return Map.of("worker", worker(), "evicted", key);
	}

	private static int worker() {
		Integer id = ClusterRole.currentWorkerId();
		return (id != null) ? id : 0;
	}

	/**
	 * The cached lookups.
	 */
	@Service
	static class Lookups {

		@Cacheable("lookups")
		public String load(String key) {
			return Instant.now().toString();
		}

		@CacheEvict("lookups")
		public void evict(String key) {
		}

	}

	/**
	 * Caching for this sample: a local cache, kept coherent across workers in cluster mode.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager("lookups");
		}

	}

}
