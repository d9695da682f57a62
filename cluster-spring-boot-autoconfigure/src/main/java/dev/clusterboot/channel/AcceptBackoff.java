package dev.clusterboot.channel;

import java.time.Duration;

/**
 * How a server's accept loop waits after a failed accept, and when it says so: the wait
 * doubles from a first to a longest one while accepts keep failing, so that a failure
 * that lasts (no file descriptors left) neither spins nor keeps the server away for long
 * once it ends. A run of failures is one episode, to be logged once when it starts and
 * once when it ends.
 *
 * @author cluster-spring-boot-starter
 */
final class AcceptBackoff {

	private final Duration first;

	private final Duration longest;

	private int failures;

	/**
	 * Create a backoff.
	 * @param first the wait after the first failure of an episode
	 * @param longest the longest wait
	 */
	AcceptBackoff(Duration first, Duration longest) {
		this.first = first;
		this.longest = longest;
	}

	/**
	 * Count a failed accept.
	 * @return how long to wait before the next one
	 */
	Duration failed() {
		Duration wait = this.first.multipliedBy(1L << Math.min(this.failures, 20));
		this.failures++;
		return (wait.compareTo(this.longest) > 0) ? this.longest : wait;
	}

	/**
	 * Return whether the last failure began an episode.
	 * @return whether it was the first since the last success
	 */
	boolean episodeBegan() {
		return this.failures == 1;
	}

	/**
	 * Count an accept that succeeded, which ends any episode.
	 * @return how many accepts failed in the episode it ended, {@code 0} if none
	 */
	int succeeded() {
		int ended = this.failures;
		this.failures = 0;
		return ended;
	}

	/**
	 * Return the longest wait.
	 * @return the longest wait
	 */
	Duration longest() {
		return this.longest;
	}

}
