package dev.clusterboot.caches;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterMessages;

/**
 * Keeps the worker's local caches coherent across the cluster, through
 * {@link ClusterMessages}, and across hosts through {@link OtherHosts} when there is one.
 * Each {@link CacheManager} bean that keeps its caches in the worker's memory
 * ({@code ConcurrentMapCacheManager}, {@code CaffeineCacheManager}, JCache on Caffeine's
 * or Ehcache's provider: see {@link CacheManagerKind}) is proxied, keeping its class, so
 * that every cache it hands out is a {@link CoherentCache}: a put, an eviction or a clear
 * on this worker sends a {@link CacheEviction} to every other worker, which applies it
 * to its own cache underneath, so that nothing echoes back.
 * <p>
 * At most once, like every message between workers: a worker that is starting, draining
 * or cut off from its master misses evictions, and keeps what it cached until the entry
 * expires or changes again.
 *
 * @author cluster-spring-boot-starter
 */
public class CoherentCaches implements BeanPostProcessor, ApplicationListener<PayloadApplicationEvent<CacheEviction>> {

	private static final Log logger = LogFactory.getLog(CoherentCaches.class);

	private final ObjectProvider<ClusterMessages> messages;

	private final ObjectProvider<JsonMapper> mapper;

	private final ObjectProvider<OtherHosts> otherHosts;

	private final ClassLoader classLoader;

	private final Map<String, CacheManager> managers = new ConcurrentHashMap<>();

	private volatile @Nullable CacheEntryCodec codec;

	/**
	 * Create the post-processor.
	 * @param messages sends the evictions, looked up at the first one
	 * @param mapper the application's mapper, looked up at the first eviction; a default
	 * one when there is none
	 * @param otherHosts carries the evictions to other hosts, looked up at the first one;
	 * none keeps them on this host
	 * @param classLoader loads the classes of keys that arrive
	 */
	public CoherentCaches(ObjectProvider<ClusterMessages> messages, ObjectProvider<JsonMapper> mapper,
			ObjectProvider<OtherHosts> otherHosts, ClassLoader classLoader) {
		this.messages = messages;
		this.mapper = mapper;
		this.otherHosts = otherHosts;
		this.classLoader = classLoader;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof CacheManager manager) || bean instanceof CoherentCacheManager
				|| CacheManagerKind.of(manager).location() != CacheLocation.IN_EACH_WORKER) {
			return bean;
		}
		Map<Cache, Cache> coherent = new ConcurrentHashMap<>();
		ProxyFactory factory = new ProxyFactory(manager);
		factory.setProxyTargetClass(true);
		factory.addInterface(CoherentCacheManager.class);
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			Object result = invocation.proceed();
			if (result instanceof Cache cache && "getCache".equals(invocation.getMethod().getName())) {
				return coherent.computeIfAbsent(cache,
						(local) -> new CoherentCache(local, beanName, codec(), this::tellOthers));
			}
			return result;
		});
		try {
			Object proxy = factory.getProxy(manager.getClass().getClassLoader());
			this.managers.put(beanName, manager);
			return proxy;
		}
		catch (AopConfigException | IllegalArgumentException ex) {
			logger.warn("Cache manager '" + beanName + "' (" + manager.getClass().getName()
					+ ") cannot be proxied, so its caches are not kept coherent across workers: " + ex.getMessage());
			return bean;
		}
	}

	private CacheEntryCodec codec() {
		CacheEntryCodec current = this.codec;
		if (current == null) {
			current = new CacheEntryCodec(this.mapper.getIfAvailable(() -> JsonMapper.builder().build()),
					this.classLoader);
			this.codec = current;
		}
		return current;
	}

	private void tellOthers(CacheEviction eviction) {
		OtherHosts hosts = this.otherHosts.getIfAvailable();
		if (hosts != null) {
			hosts.tell(eviction);
		}
		OtherWorkers.tell(this.messages, eviction, () -> CacheEviction.clear(eviction.manager(), eviction.cache()));
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<CacheEviction> event) {
		apply(event.getPayload());
	}

	/**
	 * Apply another worker's eviction to this worker's cache, underneath its coherent
	 * wrapper, so that it is not sent on.
	 * @param eviction what to evict
	 */
	public void apply(CacheEviction eviction) {
		CacheManager manager = this.managers.get(eviction.manager());
		if (manager == null || !manager.getCacheNames().contains(eviction.cache())) {
			return;
		}
		Cache cache = manager.getCache(eviction.cache());
		if (cache == null) {
			return;
		}
		String type = eviction.keyType();
		String json = eviction.key();
		Object key = (type != null && json != null) ? codec().readKey(type, json) : null;
		if (key == null) {
			cache.clear();
			return;
		}
		Cache.ValueWrapper held = cache.get(key);
		if (held != null && !codec().matches(held.get(), eviction.valueDigest())) {
			cache.evict(key);
		}
	}

	/**
	 * Clear every coherent cache of this worker, underneath the coherent wrappers, when
	 * evictions may have been missed.
	 * @return how many caches were cleared
	 */
	public int clearAll() {
		int cleared = 0;
		for (CacheManager manager : this.managers.values()) {
			for (String name : manager.getCacheNames()) {
				Cache cache = manager.getCache(name);
				if (cache != null) {
					cache.clear();
					cleared++;
				}
			}
		}
		return cleared;
	}

	/**
	 * Return the names of the cache manager beans kept coherent.
	 * @return the bean names
	 */
	public Set<String> managerNames() {
		return Set.copyOf(this.managers.keySet());
	}

}
