package dev.clusterboot.caches;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationContext;

import dev.clusterboot.api.StateDetector;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;

/**
 * Finds {@link CacheManager} beans whose caches may live in the worker's memory and are
 * not kept coherent: a local manager ({@code ConcurrentMapCacheManager},
 * {@code CaffeineCacheManager}, JCache on Caffeine's or Ehcache's provider, ...) that
 * {@link CoherentCaches} does not wrap, and a manager or JCache provider the starter does
 * not know. A manager kept coherent is not reported, nor one whose caches are shared.
 *
 * @author cluster-spring-boot-starter
 */
public final class LocalCacheDetector implements StateDetector {

	/**
	 * The fix for a manager the starter does not know.
	 */
	static final String UNKNOWN_FIX = "Use a shared cache such as Redis, or a local cache that the starter keeps "
			+ "coherent (ConcurrentMapCacheManager, CaffeineCacheManager, or JCache on Caffeine's or Ehcache's "
			+ "provider); if this manager's caches are shared already, silence this warning";

	/**
	 * The most cache names a warning lists.
	 */
	private static final int NAMES_SHOWN = 10;

	@Override
	public StateWarningKind kind() {
		return StateWarningKind.LOCAL_CACHES;
	}

	@Override
	public List<StateWarning> detect(ApplicationContext context) {
		List<StateWarning> found = new ArrayList<>();
		context.getBeansOfType(CacheManager.class, false, false).forEach((name, manager) -> {
			if (manager instanceof CoherentCacheManager) {
				return;
			}
			CacheManagerKind kind = CacheManagerKind.of(manager);
			String bean = "CacheManager bean '" + name + "' (" + kind.type() + ")";
			String caches = kind.fixedCaches() ? names(manager.getCacheNames()) : "";
			if (kind.location() == CacheLocation.IN_EACH_WORKER) {
				found.add(StateWarning.of(kind(), bean + " keeps its caches" + caches
						+ " in each worker's memory, so each worker caches, and evicts, on its own"));
			}
			else if (kind.location() == CacheLocation.UNKNOWN) {
				found.add(new StateWarning(kind(), bean + " is a kind the starter cannot keep coherent across "
						+ "workers: if its caches" + caches + " live in each worker's memory, each worker caches, "
						+ "and evicts, on its own", UNKNOWN_FIX, kind().property()));
			}
		});
		return found;
	}

	/**
	 * Name a manager's caches for a warning.
	 * @param names the caches' names
	 * @return the sorted names in parentheses, at most ten of them, or nothing
	 */
	static String names(Collection<String> names) {
		if (names.isEmpty()) {
			return "";
		}
		List<String> sorted = names.stream().sorted().toList();
		String shown = String.join(", ", sorted.subList(0, Math.min(NAMES_SHOWN, sorted.size())));
		return " (" + shown + ((sorted.size() > NAMES_SHOWN) ? ", and " + (sorted.size() - NAMES_SHOWN) + " more"
				: "") + ")";
	}

}
