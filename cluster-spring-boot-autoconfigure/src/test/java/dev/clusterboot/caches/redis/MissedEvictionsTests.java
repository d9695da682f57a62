package dev.clusterboot.caches.redis;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clusterboot.caches.CacheEviction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MissedEvictions}: what a publisher owes the other hosts after drops,
 * and when it tries Redis again, with time given in nanoseconds.
 */
class MissedEvictionsTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final MissedEvictions missed = new MissedEvictions(Duration.ofSeconds(5));

	@Test
	void owesNothingUntilSomethingIsDropped() {
		assertThat(this.missed.mayPublish()).isTrue();
		assertThat(this.missed.clearsDue(0)).isEmpty();
	}

	@Test
	void aDropOnAFullQueueOwesAClearOfItsCacheAtOnce() {
		assertThat(this.missed.dropped(eviction("users", "1"))).as("first drop: say so").isTrue();
		assertThat(this.missed.dropped(eviction("users", "2"))).isFalse();
		assertThat(this.missed.dropped(eviction("orders", "1"))).isFalse();
		List<CacheEviction> clears = this.missed.clearsDue(0);
		assertThat(clears).containsExactly(CacheEviction.clear("cacheManager", "users"),
				CacheEviction.clear("cacheManager", "orders"));
		assertThat(this.missed.cleared(clears)).as("three dropped, and the other hosts are up to date again")
			.isEqualTo(3);
		assertThat(this.missed.clearsDue(0)).isEmpty();
		assertThat(this.missed.dropped(eviction("users", "3"))).as("a new outage is said again").isTrue();
	}

	@Test
	void whileRedisIsDownNothingIsTriedButTheClearsOncePerRetryInterval() {
		this.missed.dropped(eviction("users", "1"));
		this.missed.failed(10 * SECOND);
		assertThat(this.missed.mayPublish()).isFalse();
		assertThat(this.missed.clearsDue(14 * SECOND)).isEmpty();
		assertThat(this.missed.clearsDue(15 * SECOND)).hasSize(1);
		this.missed.failed(15 * SECOND);
		assertThat(this.missed.clearsDue(16 * SECOND)).isEmpty();
		List<CacheEviction> clears = this.missed.clearsDue(20 * SECOND);
		assertThat(this.missed.cleared(clears)).isEqualTo(1);
		assertThat(this.missed.mayPublish()).isTrue();
	}

	@Test
	void aCacheDroppedWhileItsClearWasOnItsWayIsOwedAgain() {
		this.missed.dropped(eviction("users", "1"));
		List<CacheEviction> clears = this.missed.clearsDue(0);
		this.missed.dropped(eviction("orders", "1"));
		assertThat(this.missed.cleared(clears)).as("orders still owed").isZero();
		assertThat(this.missed.clearsDue(0)).containsExactly(CacheEviction.clear("cacheManager", "orders"));
	}

	@Test
	void aCacheDroppedFromAgainWhileItsClearWasOnItsWayIsStillOwed() {
		this.missed.dropped(eviction("users", "1"));
		List<CacheEviction> clears = this.missed.clearsDue(0);
		this.missed.dropped(eviction("users", "2"));
		assertThat(this.missed.cleared(clears)).isZero();
		assertThat(this.missed.clearsDue(0)).containsExactly(CacheEviction.clear("cacheManager", "users"));
	}

	private static CacheEviction eviction(String cache, String key) {
		return new CacheEviction("cacheManager", cache, String.class.getName(), "\"" + key + "\"", null);
	}

}
