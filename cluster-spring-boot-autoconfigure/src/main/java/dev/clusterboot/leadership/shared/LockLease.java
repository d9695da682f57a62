package dev.clusterboot.leadership.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * The holder's own lease on the shared lock, and the rhythm of its calls: the decision
 * that keeps two hosts from leading at once.
 * <p>
 * The lock's store lets another host take the lock once the time-to-live has passed since
 * the holder last took or renewed it (for Spring Integration's JDBC lock, as the holder's
 * clock wrote it; for Redis, as the server counts). The holder counts as leader only until
 * <em>half</em> the time-to-live after the <em>start</em> of its last successful call: a
 * call that succeeds was sent no earlier than it started, so the store's expiry is at
 * least a whole time-to-live after that start, and the half left over covers the clocks
 * of two hosts differing by less than half the time-to-live, and a leader whose check
 * comes late. The lease is read from a {@link Clock} at each check, so it ends on time
 * even while the thread that renews it is stuck in a call to the database.
 * <p>
 * The holder renews every fifth of the time-to-live, so that a lease survives one or two
 * slow or failed renewals; a host that does not hold the lock tries again as often, but
 * at least every second, so that it takes a dead holder's lock within a second of its
 * expiry.
 *
 * @author cluster-spring-boot-starter
 */
final class LockLease {

	private static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(1);

	private final Duration timeToLive;

	private final Clock clock;

	private volatile @Nullable Instant until;

	/**
	 * Create the lease of a lock.
	 * @param timeToLive the lock's time-to-live in its store
	 * @param clock the clock that times the lease, which must not jump: see
	 * {@link #monotonicClock()}
	 */
	LockLease(Duration timeToLive, Clock clock) {
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * Return how long a successful call leads: half the time-to-live.
	 * @return the lease's length
	 */
	Duration length() {
		return this.timeToLive.dividedBy(2);
	}

	/**
	 * Return how often the holder renews the lock.
	 * @return a fifth of the time-to-live
	 */
	Duration renewInterval() {
		return this.timeToLive.dividedBy(5);
	}

	/**
	 * Return how often a host's leader that does not hold the lock tries to take it.
	 * @return a fifth of the time-to-live, at most a second
	 */
	Duration retryInterval() {
		Duration renew = renewInterval();
		return (renew.compareTo(MAX_RETRY_INTERVAL) < 0) ? renew : MAX_RETRY_INTERVAL;
	}

	Duration timeToLive() {
		return this.timeToLive;
	}

	/**
	 * Return the current time, to note when a call to the lock's store starts.
	 * @return now, on the lease's clock
	 */
	Instant now() {
		return this.clock.instant();
	}

	/**
	 * A call that took or renewed the lock succeeded: lead until half the time-to-live
	 * after it started. A lease never moves back.
	 * @param callStarted when the call started, from {@link #now()}
	 */
	synchronized void extend(Instant callStarted) {
		Instant end = callStarted.plus(length());
		Instant current = this.until;
		if (current == null || end.isAfter(current)) {
			this.until = end;
		}
	}

	/**
	 * The lock was lost or released: the lease ends now.
	 */
	synchronized void end() {
		this.until = null;
	}

	/**
	 * Return whether the lease holds now.
	 * @return {@code true} until half the time-to-live after the last successful call
	 * started
	 */
	boolean holds() {
		return holds(now());
	}

	/**
	 * Return whether the lease holds at a time.
	 * @param now the time
	 * @return {@code true} before the lease's end
	 */
	boolean holds(Instant now) {
		Instant end = this.until;
		return end != null && now.isBefore(end);
	}

	/**
	 * Return when the lease ends.
	 * @return the end, or {@code null} without a lease
	 */
	@Nullable Instant until() {
		return this.until;
	}

	/**
	 * Return a clock that moves only forward, at the pace of {@link System#nanoTime()}:
	 * a wall clock that NTP steps back would lengthen the lease.
	 * @return the clock
	 */
	static Clock monotonicClock() {
		return new MonotonicClock(Instant.now(), System.nanoTime());
	}

	private static final class MonotonicClock extends Clock {

		private final Instant origin;

		private final long originNanos;

		MonotonicClock(Instant origin, long originNanos) {
			this.origin = origin;
			this.originNanos = originNanos;
		}

		@Override
		public Instant instant() {
			return this.origin.plusNanos(System.nanoTime() - this.originNanos);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
