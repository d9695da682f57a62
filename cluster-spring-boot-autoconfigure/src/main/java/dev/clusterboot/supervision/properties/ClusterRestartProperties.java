package dev.clusterboot.supervision.properties;

import java.time.Duration;

import dev.clusterboot.properties.PropertyBounds;

/**
 * How the master restarts workers that exit unexpectedly.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterRestartProperties {

	/**
	 * Delay before restarting a worker that crashed after a stable run. From 0ms to 1h.
	 */
	private Duration initialBackoff = Duration.ofMillis(500);

	/**
	 * Longest delay between restarts of a crash-looping worker. From 1ms to 1d.
	 */
	private Duration maxBackoff = Duration.ofSeconds(15);

	/**
	 * Factor by which the delay grows with each failed start in a row. From 1 to 100.
	 */
	private double multiplier = 2.0;

	/**
	 * How long a worker must stay up for its start to count as successful, which
	 * resets its backoff and failed-start count. From 0ms to 1d.
	 */
	private Duration stableAfter = Duration.ofSeconds(30);

	/**
	 * Failed starts in a row after which the master stops restarting a slot and
	 * marks it FAILED. From 1 to 1000.
	 */
	private int maxFailedStarts = 5;

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = PropertyBounds.check("cluster.restart.initial-backoff", initialBackoff, Duration.ZERO,
				Duration.ofHours(1));
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = PropertyBounds.check("cluster.restart.max-backoff", maxBackoff, Duration.ofMillis(1),
				Duration.ofDays(1));
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = PropertyBounds.check("cluster.restart.multiplier", multiplier, 1, 100);
	}

	public Duration getStableAfter() {
		return this.stableAfter;
	}

	public void setStableAfter(Duration stableAfter) {
		this.stableAfter = PropertyBounds.check("cluster.restart.stable-after", stableAfter, Duration.ZERO,
				Duration.ofDays(1));
	}

	public int getMaxFailedStarts() {
		return this.maxFailedStarts;
	}

	public void setMaxFailedStarts(int maxFailedStarts) {
		this.maxFailedStarts = PropertyBounds.check("cluster.restart.max-failed-starts", maxFailedStarts, 1, 1000);
	}

}
