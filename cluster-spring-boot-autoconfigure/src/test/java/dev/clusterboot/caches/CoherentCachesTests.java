package dev.clusterboot.caches;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.StaticApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterMessageEvent;
import dev.clusterboot.api.ClusterMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CoherentCaches}: two workers' cache managers, the messages of one
 * handed straight to the other, as the master would deliver them.
 */
class CoherentCachesTests {

	private final List<javax.cache.CacheManager> jcacheManagers = new CopyOnWriteArrayList<>();

	private final Worker first = new Worker(1, new ConcurrentMapCacheManager("things"));

	private final Worker second = new Worker(2, new ConcurrentMapCacheManager("things"));

	@AfterEach
	void closeJCacheManagers() {
		this.jcacheManagers.forEach(javax.cache.CacheManager::close);
	}

	@Test
	void keepsTheManagersClassAndMarksItCoherent() {
		assertThat(this.first.manager).isInstanceOf(ConcurrentMapCacheManager.class)
			.isInstanceOf(CoherentCacheManager.class);
		assertThat(new LocalCacheDetector().detect(context("cacheManager", this.first.manager))).isEmpty();
		assertThat(new LocalCacheDetector().detect(context("cacheManager", new ConcurrentMapCacheManager())))
			.hasSize(1);
	}

	@Test
	void anEvictionOnOneWorkerEvictsTheEntryOnTheOther() {
		this.first.cache().put("k", "first");
		this.second.cache().put("k", "second");
		this.second.cache().put("other", "kept");
		this.first.cache().evict("k");
		this.first.deliverTo(this.second);
		assertThat(this.second.cache().get("k")).isNull();
		assertThat(this.second.cache().get("other").get()).isEqualTo("kept");
	}

	@Test
	void aPutOfAnEqualValueKeepsTheOthersEntryAndAPutOfAnotherEvictsIt() {
		this.second.cache().put(42L, new Entry("a", 1));
		this.first.cache().put(42L, new Entry("a", 1));
		this.first.deliverTo(this.second);
		assertThat(this.second.cache().get(42L).get()).isEqualTo(new Entry("a", 1));
		this.first.cache().put(42L, new Entry("a", 2));
		this.first.deliverTo(this.second);
		assertThat(this.second.cache().get(42L)).isNull();
	}

	@Test
	void aClearOnOneWorkerClearsTheCacheOnTheOther() {
		this.second.cache().put("k", "v");
		this.first.cache().clear();
		this.first.deliverTo(this.second);
		assertThat(this.second.cache().get("k")).isNull();
	}

	@Test
	void anEvictionOfAKeyThatDoesNotSurviveJsonClearsTheWholeCacheOnTheOther() {
		SimpleKey key = new SimpleKey("a", 1);
		this.second.cache().put(key, "v");
		this.second.cache().put("unrelated", "v");
		this.first.cache().evict(key);
		assertThat(this.first.sent).singleElement().satisfies((eviction) -> assertThat(eviction.key()).isNull());
		this.first.deliverTo(this.second);
		assertThat(this.second.cache().get("unrelated")).isNull();
	}

	@Test
	void whatArrivesChangesTheCacheUnderneathSoNothingEchoesBack() {
		this.second.cache().put("k", "v");
		this.second.sent.clear();
		this.first.cache().evict("k");
		this.first.deliverTo(this.second);
		assertThat(this.second.sent).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider",
			"org.ehcache.jsr107.EhcacheCachingProvider" })
	void keepsJCacheOnALocalProviderCoherent(String provider) {
		Worker one = new Worker(1, jcache(provider));
		Worker two = new Worker(2, jcache(provider));
		assertThat(one.manager).isInstanceOf(JCacheCacheManager.class).isInstanceOf(CoherentCacheManager.class);
		two.cache().put("k", "v");
		two.cache().put("other", "kept");
		one.cache().evict("k");
		one.deliverTo(two);
		assertThat(two.cache().get("k")).isNull();
		assertThat(two.cache().get("other").get()).isEqualTo("kept");
		one.cache().clear();
		one.deliverTo(two);
		assertThat(two.cache().get("other")).isNull();
	}

	@Test
	void clearAllClearsEveryCoherentCacheUnderneathWithoutTellingTheOthers() {
		this.first.cache().put("k", "v");
		this.first.sent.clear();
		assertThat(this.first.caches.clearAll()).isEqualTo(1);
		assertThat(this.first.cache().get("k")).isNull();
		assertThat(this.first.sent).isEmpty();
	}

	@Test
	void tellsTheOtherHostsAsWellWhenThereAreSome() {
		List<CacheEviction> toOtherHosts = new CopyOnWriteArrayList<>();
		Worker worker = new Worker(1, new ConcurrentMapCacheManager("things"), toOtherHosts::add);
		worker.cache().evict("k");
		assertThat(toOtherHosts).containsExactlyElementsOf(worker.sent);
	}

	/**
	 * A JCache manager of its own, as each worker has one: a class loader of its own
	 * keeps the provider from handing both workers the same manager.
	 */
	private JCacheCacheManager jcache(String provider) {
		javax.cache.CacheManager manager = Caching.getCachingProvider(provider)
			.getCacheManager(null, new ClassLoader(getClass().getClassLoader()) {
			});
		this.jcacheManagers.add(manager);
		manager.createCache("things", new MutableConfiguration<>().setStoreByValue(false));
		JCacheCacheManager spring = new JCacheCacheManager(manager);
		spring.afterPropertiesSet();
		return spring;
	}

	private static StaticApplicationContext context(String name, CacheManager manager) {
		StaticApplicationContext context = new StaticApplicationContext();
		context.getBeanFactory().registerSingleton(name, manager);
		return context;
	}

	/**
	 * A cached value.
	 * @param name a name
	 * @param version a version
	 */
	public record Entry(String name, int version) {
	}

	private static final class Worker implements ClusterMessages {

		private final int id;

		private final List<CacheEviction> sent = new CopyOnWriteArrayList<>();

		private final CoherentCaches caches;

		private final CacheManager manager;

		Worker(int id, CacheManager local) {
			this(id, local, null);
		}

		Worker(int id, CacheManager local, @Nullable OtherHosts otherHosts) {
			this.id = id;
			StaticListableBeanFactory beans = new StaticListableBeanFactory();
			beans.addBean("messages", this);
			beans.addBean("mapper", JsonMapper.builder().build());
			if (otherHosts != null) {
				beans.addBean("otherHosts", otherHosts);
			}
			this.caches = new CoherentCaches(beans.getBeanProvider(ClusterMessages.class),
					beans.getBeanProvider(JsonMapper.class), beans.getBeanProvider(OtherHosts.class),
					getClass().getClassLoader());
			this.manager = (CacheManager) this.caches.postProcessAfterInitialization(local, "cacheManager");
		}

		Cache cache() {
			return this.manager.getCache("things");
		}

		void deliverTo(Worker other) {
			for (CacheEviction eviction : this.sent) {
				PayloadApplicationEvent<CacheEviction> event = new ClusterMessageEvent<>(this, eviction, this.id);
				other.caches.onApplicationEvent(event);
			}
			this.sent.clear();
		}

		@Override
		public void sendToAll(Object message) {
			this.sent.add((CacheEviction) message);
		}

		@Override
		public void sendTo(int worker, Object message) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int worker() {
			return this.id;
		}

	}

}
