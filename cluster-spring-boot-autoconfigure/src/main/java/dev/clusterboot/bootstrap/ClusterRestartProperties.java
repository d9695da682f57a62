package dev.clusterboot.bootstrap;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the master restarts workers that exit unexpectedly.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterRestartProperties {

	/**
	 * Delay before restarting a worker that crashed after a stable run.
	 */
	private Duration initialBackoff = Duration.ofMillis(500);

	/**
	 * Longest delay between restarts of a crash-looping worker.
	 */
	private Duration maxBackoff = Duration.ofSeconds(15);

	/**
	 * Factor by which the delay grows with each failed start in a row.
	 */
	private double multiplier = 2.0;

	/**
	 * How long a worker must stay up for its start to count as successful, which
	 * resets its backoff and failed-start count.
	 */
	private Duration stableAfter = Duration.ofSeconds(30);

	/**
	 * Failed starts in a row after which the master stops restarting a slot and
	 * marks it FAILED.
	 */
	private int maxFailedStarts = 5;

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		Assert.isTrue(!initialBackoff.isNegative(), "'cluster.restart.initial-backoff' must not be negative");
		this.initialBackoff = initialBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		Assert.isTrue(!maxBackoff.isNegative(), "'cluster.restart.max-backoff' must not be negative");
		this.maxBackoff = maxBackoff;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		Assert.isTrue(multiplier >= 1.0, "'cluster.restart.multiplier' must be at least 1.0");
		this.multiplier = multiplier;
	}

	public Duration getStableAfter() {
		return this.stableAfter;
	}

	public void setStableAfter(Duration stableAfter) {
		Assert.isTrue(!stableAfter.isNegative(), "'cluster.restart.stable-after' must not be negative");
		this.stableAfter = stableAfter;
	}

	public int getMaxFailedStarts() {
		return this.maxFailedStarts;
	}

	public void setMaxFailedStarts(int maxFailedStarts) {
		Assert.isTrue(maxFailedStarts >= 1, "'cluster.restart.max-failed-starts' must be at least 1");
		this.maxFailedStarts = maxFailedStarts;
	}

}
