package dev.clusterboot.leadership.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.clusterboot.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockLease}, on a clock the test moves: the holder leads only until half
 * the time-to-live after its last successful call started, whatever its calls do after.
 */
class LockLeaseTests {

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

	private final MovableClock clock = new MovableClock();

	private final LockLease lease = new LockLease(TIME_TO_LIVE, this.clock);

	@Test
	void withoutASuccessfulCallThereIsNoLease() {
		assertThat(this.lease.holds()).isFalse();
		assertThat(this.lease.until()).isNull();
	}

	@Test
	void aSuccessfulCallLeadsForHalfTheTimeToLiveFromWhenItStartedNotWhenItReturned() {
		Instant started = this.lease.now();
		this.clock.advance(Duration.ofSeconds(2)); // a slow call
		this.lease.extend(started);
		assertThat(this.lease.holds()).isTrue();
		this.clock.advance(Duration.ofMillis(2999));
		assertThat(this.lease.holds()).isTrue();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.lease.holds()).as("5 s after the call started").isFalse();
	}

	@Test
	void aLeaderWhoseRenewalHangsStopsLeadingBeforeTheStoreCouldLetAnotherHostTakeTheLock() {
		Instant renewed = this.lease.now();
		this.lease.extend(renewed);
		this.clock.advance(this.lease.renewInterval());
		Instant hangingCallStarted = this.lease.now(); // never returns
		this.clock.advance(Duration.ofSeconds(3));
		Instant storeExpiry = renewed.plus(TIME_TO_LIVE);
		Instant skewed = storeExpiry.minus(Duration.ofSeconds(4)); // another host's clock 4 s ahead
		assertThat(this.lease.holds()).isFalse();
		assertThat(this.lease.until()).isBefore(skewed).isAfter(hangingCallStarted);
	}

	@Test
	void aCallThatSucceedsLateLeadsAgainFromWhenItStarted() {
		this.lease.extend(this.lease.now());
		this.clock.advance(Duration.ofSeconds(2));
		Instant lateCallStarted = this.lease.now();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.lease.holds()).as("the first lease ran out while the call hung").isFalse();
		this.lease.extend(lateCallStarted);
		assertThat(this.lease.holds()).as("until 5 s after the late call started").isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.lease.holds()).isFalse();
	}

	@Test
	void aLeaseNeverMovesBackAndEndsWhenTheLockIsLost() {
		Instant earlier = this.lease.now();
		this.clock.advance(Duration.ofSeconds(1));
		this.lease.extend(this.lease.now());
		this.lease.extend(earlier);
		assertThat(this.lease.until()).isEqualTo(earlier.plusSeconds(6));
		this.lease.end();
		assertThat(this.lease.holds()).isFalse();
	}

	@Test
	void theHolderRenewsEveryFifthOfTheTimeToLiveAndOthersTryAtLeastEverySecond() {
		assertThat(this.lease.length()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.lease.renewInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.lease.retryInterval()).isEqualTo(Duration.ofSeconds(1));
		LockLease short3s = new LockLease(Duration.ofSeconds(3), this.clock);
		assertThat(short3s.renewInterval()).isEqualTo(Duration.ofMillis(600));
		assertThat(short3s.retryInterval()).isEqualTo(Duration.ofMillis(600));
	}

	@Test
	void theMonotonicClockNeverGoesBack() {
		Clock monotonic = LockLease.monotonicClock();
		Instant previous = monotonic.instant();
		for (int i = 0; i < 1000; i++) {
			Instant next = monotonic.instant();
			assertThat(next).isAfterOrEqualTo(previous);
			previous = next;
		}
	}

}
