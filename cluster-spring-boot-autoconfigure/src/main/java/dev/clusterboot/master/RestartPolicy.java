package dev.clusterboot.master;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.autoconfigure.ClusterProperties;

/**
 * Decides what happens to a slot whose worker exited without being asked to: restart it
 * after a backoff, or give up on it.
 * <p>
 * A start <em>fails</em> when the worker exits before it has been ready for
 * {@code cluster.restart.stable-after} (PM2's {@code min_uptime}, the Tanuki wrapper's
 * {@code successful_invocation_time}). Each failed start in a row multiplies the delay
 * before the next restart by {@code cluster.restart.multiplier}, from
 * {@code cluster.restart.initial-backoff} up to {@code cluster.restart.max-backoff}
 * (PM2's {@code exp_backoff_restart_delay}). A worker that crashes after a stable run
 * starts a fresh count. After {@code cluster.restart.max-failed-starts} failed starts in
 * a row the slot is given up (the Tanuki wrapper's {@code max_failed_invocations}).
 *
 * @author cluster-spring-boot-starter
 */
public final class RestartPolicy {

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final double multiplier;

	private final Duration stableAfter;

	private final int maxFailedStarts;

	/**
	 * Create a policy from the {@code cluster.restart.*} properties.
	 * @param properties the restart properties
	 */
	public RestartPolicy(ClusterProperties.Restart properties) {
		this(properties.getInitialBackoff(), properties.getMaxBackoff(), properties.getMultiplier(),
				properties.getStableAfter(), properties.getMaxFailedStarts());
	}

	RestartPolicy(Duration initialBackoff, Duration maxBackoff, double multiplier, Duration stableAfter,
			int maxFailedStarts) {
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.multiplier = multiplier;
		this.stableAfter = stableAfter;
		this.maxFailedStarts = maxFailedStarts;
	}

	/**
	 * Decide what to do after a worker exited unexpectedly.
	 * @param readyAt when the worker became ready, or {@code null} if it never did
	 * @param exitedAt when it exited
	 * @param failedStartsBefore the slot's failed starts in a row before this run
	 * @return restart after a delay, or give up
	 */
	public Decision onUnexpectedExit(@Nullable Instant readyAt, Instant exitedAt, int failedStartsBefore) {
		boolean stable = readyAt != null && !Duration.between(readyAt, exitedAt).minus(this.stableAfter).isNegative();
		int failedStarts = stable ? 0 : failedStartsBefore + 1;
		if (failedStarts >= this.maxFailedStarts) {
			return new Decision.GiveUp(failedStarts);
		}
		return new Decision.Restart(backoff(failedStarts), failedStarts);
	}

	private Duration backoff(int failedStarts) {
		double factor = Math.pow(this.multiplier, Math.max(0, failedStarts - 1));
		double millis = Math.min(this.initialBackoff.toMillis() * factor, this.maxBackoff.toMillis());
		return Duration.ofMillis((long) millis);
	}

	/**
	 * The number of failed starts in a row at which a slot is given up.
	 * @return the limit from {@code cluster.restart.max-failed-starts}
	 */
	public int maxFailedStarts() {
		return this.maxFailedStarts;
	}

	/**
	 * How long a worker must stay ready for its start to count as successful.
	 * @return the duration from {@code cluster.restart.stable-after}
	 */
	public Duration stableAfter() {
		return this.stableAfter;
	}

	/**
	 * What the policy decided.
	 */
	public sealed interface Decision {

		/**
		 * The failed starts in a row, counting this exit.
		 * @return the count, 0 after a stable run
		 */
		int failedStarts();

		/**
		 * Restart the slot after a delay.
		 *
		 * @param delay how long to wait first
		 * @param failedStarts failed starts in a row, counting this exit
		 */
		record Restart(Duration delay, int failedStarts) implements Decision {
		}

		/**
		 * Stop restarting the slot and mark it failed.
		 *
		 * @param failedStarts failed starts in a row, counting this exit
		 */
		record GiveUp(int failedStarts) implements Decision {
		}

	}

}
