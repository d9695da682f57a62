package dev.clusterboot.steering;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests a worker is serving now and has completed, as its web filters count them
 * and as it reports them to the master, which steers new connections by them. Safe for
 * every request thread at once; counting never blocks.
 *
 * @author cluster-spring-boot-starter
 */
public final class RequestLoad {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder completed = new LongAdder();

	/**
	 * Count a request that starts.
	 */
	public void started() {
		this.inFlight.incrementAndGet();
	}

	/**
	 * Count a request that completed, whether it succeeded or failed.
	 */
	public void completed() {
		this.inFlight.decrementAndGet();
		this.completed.increment();
	}

	/**
	 * Return how many requests are in flight.
	 * @return the requests started and not completed, never negative
	 */
	public int inFlight() {
		return Math.max(this.inFlight.get(), 0);
	}

	/**
	 * Return how many requests have completed since the worker started.
	 * @return a count that only grows
	 */
	public long completedCount() {
		return this.completed.sum();
	}

}
