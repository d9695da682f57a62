package dev.clusterboot.caches;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationContext;

import dev.clusterboot.api.StateDetector;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;
import dev.clusterboot.statewarnings.TypeNames;

/**
 * Finds {@link CacheManager} beans whose caches live in the worker's memory: Spring's
 * {@code ConcurrentMapCacheManager} (what Boot's simple cache type creates) and
 * {@code CaffeineCacheManager}. A manager that {@link CoherentCaches} keeps coherent is
 * not reported: its evictions reach every worker.
 *
 * @author cluster-spring-boot-starter
 */
public final class LocalCacheDetector implements StateDetector {

	private static final List<String> LOCAL_CACHE_MANAGERS = List.of(
			"org.springframework.cache.concurrent.ConcurrentMapCacheManager",
			"org.springframework.cache.caffeine.CaffeineCacheManager");

	/**
	 * Whether a cache manager keeps its caches in the worker's memory.
	 * @param manager the cache manager
	 * @return {@code true} for Spring's {@code ConcurrentMapCacheManager} and
	 * {@code CaffeineCacheManager}, and their subclasses
	 */
	static boolean isLocal(CacheManager manager) {
		return LOCAL_CACHE_MANAGERS.stream().anyMatch((type) -> TypeNames.isA(manager.getClass(), type));
	}

	@Override
	public StateWarningKind kind() {
		return StateWarningKind.LOCAL_CACHES;
	}

	@Override
	public List<StateWarning> detect(ApplicationContext context) {
		List<StateWarning> found = new ArrayList<>();
		context.getBeansOfType(CacheManager.class, false, false)
			.forEach((name, manager) -> LOCAL_CACHE_MANAGERS.stream()
			.filter((type) -> !(manager instanceof CoherentCacheManager))
			.filter((type) -> TypeNames.isA(manager.getClass(), type))
			.findFirst()
			.ifPresent((type) -> found.add(StateWarning.of(kind(),
					"CacheManager bean '" + name + "' (" + type.substring(type.lastIndexOf('.') + 1)
							+ ") keeps its caches in each worker's memory, so each worker caches, and evicts, "
							+ "on its own"))));
		return found;
	}

}
