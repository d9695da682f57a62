package dev.clusterboot.caches;

import org.jspecify.annotations.Nullable;

/**
 * The message a worker sends every other worker when an entry of one of its coherent
 * caches changes: evict that entry, or clear the whole cache.
 * <p>
 * A put sends the digest of the value it stored: a worker that holds an equal value keeps
 * it, so that two workers filling the same entry from the same data do not evict each
 * other's copy over and over; any other worker evicts it.
 *
 * @param manager the name of the {@code CacheManager} bean
 * @param cache the cache's name
 * @param keyType the key's class, or {@code null} to clear the whole cache
 * @param key the key as JSON, or {@code null} to clear the whole cache
 * @param valueDigest the digest of the value a put stored, or {@code null} to evict
 * whatever the receiver holds
 * @author cluster-spring-boot-starter
 */
public record CacheEviction(String manager, String cache, @Nullable String keyType, @Nullable String key,
		@Nullable String valueDigest) {

	/**
	 * Clear a whole cache.
	 * @param manager the name of the {@code CacheManager} bean
	 * @param cache the cache's name
	 * @return the message
	 */
	public static CacheEviction clear(String manager, String cache) {
		return new CacheEviction(manager, cache, null, null, null);
	}

}
