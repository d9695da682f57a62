package dev.clusterboot.warmup;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How much warm-up a worker does before it joins the port: requests are started until
 * {@code duration} has passed or {@code requests} have been started, whichever comes
 * first, by {@code concurrency} senders for each route, so that a slow route never holds
 * back a fast one; and whatever is still in flight at {@code timeLimit} is abandoned, so
 * that the join never waits longer than that.
 *
 * @param duration how long to keep starting requests
 * @param requests how many requests to start at most across all routes, shared evenly
 * between them, {@code 0} for no limit by count
 * @param concurrency how many requests are in flight at once for each route
 * @param timeLimit the hard limit on the whole warm-up, requests in flight included
 * @author cluster-spring-boot-starter
 */
public record WarmUpLimits(Duration duration, long requests, int concurrency, Duration timeLimit) {

	/**
	 * Create limits.
	 * @param duration how long to keep starting requests
	 * @param requests how many requests to start at most across all routes, {@code 0} for
	 * no limit by count
	 * @param concurrency how many requests are in flight at once for each route, at least 1
	 * @param timeLimit the hard limit on the whole warm-up, requests in flight included
	 */
	public WarmUpLimits {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
		}
	}

	/**
	 * The limits of one route's senders: the same, with an even share of the request count
	 * (the first routes get one more when it does not divide evenly).
	 * @param route the route's index
	 * @param routes how many routes there are
	 * @return the route's limits, or {@code null} when its share of the count is none
	 */
	@Nullable WarmUpLimits shareOf(int route, int routes) {
		if (this.requests == 0) {
			return this;
		}
		long share = this.requests / routes + ((route < this.requests % routes) ? 1 : 0);
		return (share > 0) ? new WarmUpLimits(this.duration, share, this.concurrency, this.timeLimit) : null;
	}

	/**
	 * Decide whether another request may start.
	 * @param elapsed time since the warm-up started
	 * @param started requests started so far (by one route's senders, for its share)
	 * @return {@code null} when it may start, otherwise why the warm-up ends
	 */
	WarmUpSummary.@Nullable End endOf(Duration elapsed, long started) {
		if (elapsed.compareTo(this.timeLimit) >= 0) {
			return WarmUpSummary.End.TIME_LIMIT;
		}
		if (this.requests > 0 && started >= this.requests) {
			return WarmUpSummary.End.REQUESTS;
		}
		if (elapsed.compareTo(this.duration) >= 0) {
			return WarmUpSummary.End.DURATION;
		}
		return null;
	}

	/**
	 * Return how much of the hard limit is left.
	 * @param elapsed time since the warm-up started
	 * @return the time left, never negative
	 */
	Duration remaining(Duration elapsed) {
		Duration left = this.timeLimit.minus(elapsed);
		return left.isNegative() ? Duration.ZERO : left;
	}

}
