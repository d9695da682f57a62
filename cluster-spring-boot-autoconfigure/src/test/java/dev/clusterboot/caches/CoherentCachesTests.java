package dev.clusterboot.caches;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.SimpleKey;
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

	private final Worker first = new Worker(1);

	private final Worker second = new Worker(2);

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

		Worker(int id) {
			this.id = id;
			StaticListableBeanFactory beans = new StaticListableBeanFactory();
			beans.addBean("messages", this);
			beans.addBean("mapper", JsonMapper.builder().build());
			this.caches = new CoherentCaches(beans.getBeanProvider(ClusterMessages.class),
					beans.getBeanProvider(JsonMapper.class), getClass().getClassLoader());
			this.manager = (CacheManager) this.caches
				.postProcessAfterInitialization(new ConcurrentMapCacheManager("things"), "cacheManager");
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
