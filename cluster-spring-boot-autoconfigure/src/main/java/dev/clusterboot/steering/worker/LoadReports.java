package dev.clusterboot.steering.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.SteeringMessage;

/**
 * A worker's {@link SteeringMessage.Load load} reports while it is in the port's group:
 * one every report interval, and one as soon as the number of slow requests changes, so
 * that a request that holds the worker steers new connections away within a few
 * milliseconds while a steady load costs one report an interval.
 *
 * @author cluster-spring-boot-starter
 */
final class LoadReports {

	private final MasterLink master;

	private final RequestLoad load;

	private final BooleanSupplier ready;

	private final long intervalNanos;

	private final Duration slowAfter;

	private long lastAt;

	private int lastSlow;

	LoadReports(MasterLink master, RequestLoad load, BooleanSupplier ready, Duration interval, Duration slowAfter) {
		this.master = master;
		this.load = load;
		this.ready = ready;
		this.intervalNanos = interval.toNanos();
		this.slowAfter = slowAfter;
	}

	/**
	 * Report the load if the slow requests changed or an interval passed.
	 * @param now the current {@link System#nanoTime()}
	 */
	void check(long now) {
		int slow = this.load.slow(now, this.slowAfter);
		if (slow != this.lastSlow || now - this.lastAt >= this.intervalNanos) {
			this.lastSlow = slow;
			this.lastAt = now;
			this.master.report(new SteeringMessage.Load(this.load.inFlight(), this.load.completedCount(),
					this.ready.getAsBoolean(), slow));
		}
	}

}
