package dev.clusterboot.caches.redis;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.ClusterLeadershipEvent;
import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.caches.CacheEviction;
import dev.clusterboot.caches.CoherentCaches;
import dev.clusterboot.caches.OtherHosts;
import dev.clusterboot.process.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hosts' leaders on a real Redis server: each has its coherent caches, publishes its
 * evictions, holds its host's subscription and relays what arrives to its host's other
 * workers, which a recording {@link ClusterMessages} stands in for. Redis is stopped and
 * started again to show what an outage does.
 */
class CachesAcrossHostsTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String CHANNEL = "cluster:caches:tests";

	private final EmbeddedRedis redis = EmbeddedRedis.start();

	private final Host first = new Host("host-a");

	private final Host second = new Host("host-b");

	@AfterEach
	void stop() throws Exception {
		this.first.close();
		this.second.close();
		this.redis.close();
	}

	@Test
	void anEvictionOnOneHostReachesTheOthersCachesAndWorkersButNotItsOwn() throws NoSuchAlgorithmException {
		this.first.lead();
		this.second.lead();
		this.second.cache().put("k", "second");
		Awaitility.await().atMost(WAIT).until(() -> this.first.relay.received() == 1);
		this.first.cache().put("k", "first");
		Awaitility.await().atMost(WAIT).until(() -> this.second.cache().get("k") == null);
		this.second.cache().put("k", "second");
		Awaitility.await().atMost(WAIT).until(() -> this.first.relay.received() == 2);
		assertThat(this.first.cache().get("k")).as("a put on another host evicts a different value").isNull();
		this.first.cache().evict("k");
		Awaitility.await().atMost(WAIT).until(() -> this.second.cache().get("k") == null);
		assertThat(this.second.relayed).extracting(HostEviction::eviction)
			.as("its subscription's clear, then the first host's put and eviction, relayed to the host's workers")
			.containsExactly(null, eviction(digest("first")), eviction(null));
		assertThat(this.first.relayed).as("what this host published itself never comes back to it")
			.filteredOn((relayed) -> relayed.eviction() != null)
			.extracting(HostEviction::origin)
			.containsExactly("host-b", "host-b");
	}

	@Test
	void anOutageNeverHoldsUpAChangeAndEndsInClearsOfWhatWasMissed() {
		this.first.lead();
		this.second.lead();
		this.second.cache().put("k", "v");
		Awaitility.await().atMost(WAIT).until(() -> this.first.relay.received() == 1);
		this.redis.stop();
		long start = System.nanoTime();
		this.first.cache().evict("k");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.first.evictions.drops().get(EvictionDropReason.UNREACHABLE) == 1);
		assertThat(this.second.cache().get("k")).as("missed during the outage").isNotNull();
		this.redis.restart();
		Awaitility.await().atMost(WAIT).until(() -> this.second.cache().get("k") == null);
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(this.second.relayed).extracting(HostEviction::eviction)
				.as("each subscription clears the host's caches, and the first host's clear of what it dropped")
				.containsSubsequence(null, null)
				.contains(CacheEviction.clear("cacheManager", "users")));
	}

	private static CacheEviction eviction(@Nullable String digest) {
		return new CacheEviction("cacheManager", "users", String.class.getName(), "\"k\"", digest);
	}

	private static String digest(String value) throws NoSuchAlgorithmException {
		byte[] json = JsonMapper.builder().build().writeValueAsBytes(value);
		return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(json));
	}

	/**
	 * One host's leader: its caches, Redis connections, publisher, relay and subscription.
	 */
	private final class Host implements ClusterMessages {

		private final List<HostEviction> relayed = new CopyOnWriteArrayList<>();

		private final LettuceConnectionFactory factory;

		private final RedisEvictions evictions;

		private final HostRelay relay;

		private final LeaderSubscription subscription;

		private final ClusterLeadership leadership = new ClusterLeadership();

		private final CacheManager manager;

		Host(String origin) {
			JsonMapper mapper = JsonMapper.builder().build();
			this.factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", CachesAcrossHostsTests.this.redis.port()),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
			this.factory.afterPropertiesSet();
			this.factory.start();
			Duration retry = Duration.ofMillis(200);
			this.evictions = new RedisEvictions(this.factory, CHANNEL, origin, mapper, 16, retry);
			StaticListableBeanFactory beans = new StaticListableBeanFactory();
			beans.addBean("messages", this);
			beans.addBean("mapper", mapper);
			beans.addBean("otherHosts", this.evictions);
			CoherentCaches caches = new CoherentCaches(beans.getBeanProvider(ClusterMessages.class),
					beans.getBeanProvider(JsonMapper.class), beans.getBeanProvider(OtherHosts.class),
					getClass().getClassLoader());
			this.manager = (CacheManager) caches.postProcessAfterInitialization(new ConcurrentMapCacheManager("users"),
					"cacheManager");
			this.relay = new HostRelay(origin, caches, beans.getBeanProvider(ClusterMessages.class), 16);
			this.subscription = new LeaderSubscription(this.factory, CHANNEL, mapper, this.relay, retry);
			this.leadership.setApplicationEventPublisher((event) -> {
				if (event instanceof ClusterLeadershipEvent change) {
					this.subscription.onLeadership(change);
				}
			});
		}

		/**
		 * Lead the host, and wait until the subscription cleared its caches.
		 */
		void lead() {
			this.leadership.granted(LeadershipScope.HOST);
			Awaitility.await().atMost(WAIT).until(() -> !this.relayed.isEmpty());
		}

		Cache cache() {
			return this.manager.getCache("users");
		}

		@Override
		public void sendToAll(Object message) {
			if (message instanceof HostEviction eviction) {
				this.relayed.add(eviction);
			}
		}

		@Override
		public void sendTo(int worker, Object message) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int worker() {
			return 1;
		}

		void close() throws InterruptedException {
			this.leadership.destroy();
			this.subscription.destroy();
			this.relay.destroy();
			this.evictions.destroy();
			this.factory.destroy();
		}

	}

}
