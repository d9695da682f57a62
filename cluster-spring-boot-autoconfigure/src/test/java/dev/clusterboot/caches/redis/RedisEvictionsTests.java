package dev.clusterboot.caches.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.RedisConnectionFailureException;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.caches.CacheEviction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisEvictions} with a stand-in for Redis' publish: the thread that
 * changes a cache never waits, what cannot be published is dropped and counted, and the
 * caches concerned are cleared on the other hosts once Redis takes messages again.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisEvictionsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<HostEviction> published = new CopyOnWriteArrayList<>();

	private final CountDownLatch publishing = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile boolean down;

	private volatile boolean slow;

	private RedisEvictions evictions;

	@AfterEach
	void stop() throws InterruptedException {
		this.release.countDown();
		this.evictions.destroy();
	}

	@Test
	void aChangeNeverWaitsForRedisAndWhatTheQueueCannotHoldIsDroppedThenCleared() throws InterruptedException {
		this.slow = true;
		this.evictions = evictions(2);
		this.evictions.tell(eviction("1"));
		assertThat(this.publishing.await(10, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		for (int key = 2; key <= 5; key++) {
			this.evictions.tell(eviction(Integer.toString(key)));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(this.evictions.drops()).containsEntry(EvictionDropReason.QUEUE_FULL, 2L)
			.containsEntry(EvictionDropReason.UNREACHABLE, 0L);
		this.release.countDown();
		Awaitility.await().atMost(WAIT).until(() -> this.published.size() == 4);
		assertThat(this.published).extracting(HostEviction::origin).containsOnly("host-a");
		assertThat(this.published).extracting(HostEviction::eviction)
			.as("the clear owed for 4 and 5 may leave before 2 and 3: it follows those changes all the same")
			.containsExactlyInAnyOrder(eviction("1"), eviction("2"), eviction("3"),
					CacheEviction.clear("cacheManager", "users"));
		assertThat(this.evictions.published()).isEqualTo(4);
	}

	@Test
	void whileRedisIsDownEvictionsAreDroppedAtOnceAndTheirCachesClearedWhenItAnswers(CapturedOutput output) {
		this.down = true;
		this.evictions = evictions(16);
		this.evictions.tell(eviction("1"));
		Awaitility.await().atMost(WAIT).until(() -> this.evictions.drops().get(EvictionDropReason.UNREACHABLE) == 1);
		this.evictions.tell(eviction("2"));
		this.evictions.tell(eviction("3"));
		Awaitility.await().atMost(WAIT).until(() -> this.evictions.drops().get(EvictionDropReason.UNREACHABLE) == 3);
		this.down = false;
		Awaitility.await().atMost(WAIT).until(() -> !this.published.isEmpty());
		assertThat(this.published).extracting(HostEviction::eviction)
			.containsExactly(CacheEviction.clear("cacheManager", "users"));
		Awaitility.await().atMost(WAIT).until(() -> output.getOut().contains("Redis takes this worker's"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.asString()
			.contains("Dropping cache evictions meant for the other hosts (Redis did not take one on channel "
					+ "'cluster:caches'")
			.contains("cluster.caches.redis.dropped");
		assertThat(output.getOut()).contains("on channel 'cluster:caches'; the caches concerned by the 3 dropped were "
				+ "cleared on the other hosts");
	}

	private RedisEvictions evictions(int capacity) {
		return new RedisEvictions(this::publish, "cluster:caches", "host-a", json, capacity, Duration.ofMillis(100),
				System::nanoTime);
	}

	private void publish(byte[] message) {
		if (this.down) {
			throw new RedisConnectionFailureException("Unable to connect to Redis");
		}
		if (this.slow) {
			this.publishing.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.published.add(json.readValue(message, HostEviction.class));
	}

	private static CacheEviction eviction(String key) {
		return new CacheEviction("cacheManager", "users", String.class.getName(), "\"" + key + "\"", null);
	}

}
