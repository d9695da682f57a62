package dev.clusterboot.caches;

/**
 * Marks a local {@code CacheManager} whose caches {@link CoherentCaches} keeps coherent
 * across the workers: its puts, evictions and clears reach every other worker.
 *
 * @author cluster-spring-boot-starter
 */
public interface CoherentCacheManager {

}
