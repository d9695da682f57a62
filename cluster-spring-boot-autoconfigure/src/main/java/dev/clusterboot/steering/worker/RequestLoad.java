package dev.clusterboot.steering.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The requests a worker is serving now and has completed, as its web filters count them
 * and as it reports them to the master, which steers new connections by them: how many
 * are in flight, and how many of those have been in flight for long (a request that holds
 * a lock, waits on a slow dependency or computes for long), which new connections should
 * avoid most. Safe for every request thread at once; counting never blocks.
 *
 * @author cluster-spring-boot-starter
 */
public final class RequestLoad {

	private final LongAdder completed = new LongAdder();

	private final AtomicLong tokens = new AtomicLong();

	private final Map<Long, Long> startedAt = new ConcurrentHashMap<>();

	private volatile @Nullable Runnable onChange;

	/**
	 * Run a task on the request thread at every start and end of a request, after the
	 * count changed: {@code least} steering chooses there.
	 * @param task the task, which must not block
	 */
	public void onChange(Runnable task) {
		this.onChange = task;
	}

	/**
	 * Count a request that starts.
	 * @return the token to complete it with
	 */
	public long started() {
		long token = this.tokens.incrementAndGet();
		this.startedAt.put(token, System.nanoTime());
		changed();
		return token;
	}

	/**
	 * Count a request that completed, whether it succeeded or failed.
	 * @param token the token its start returned
	 */
	public void completed(long token) {
		this.startedAt.remove(token);
		this.completed.increment();
		changed();
	}

	private void changed() {
		Runnable task = this.onChange;
		if (task != null) {
			task.run();
		}
	}

	/**
	 * Return how many requests have been in flight for longer than a threshold.
	 * @param nowNanos the time now, {@link System#nanoTime()}
	 * @param threshold how long a request may take before it counts
	 * @return the requests in flight since before {@code nowNanos - threshold}
	 */
	public int slow(long nowNanos, Duration threshold) {
		long thresholdNanos = threshold.toNanos();
		int slow = 0;
		for (long started : this.startedAt.values()) {
			if (nowNanos - started > thresholdNanos) {
				slow++;
			}
		}
		return slow;
	}

	/**
	 * Return how many requests are in flight.
	 * @return the requests started and not completed, never negative
	 */
	public int inFlight() {
		return this.startedAt.size();
	}

	/**
	 * Return how many requests have completed since the worker started.
	 * @return a count that only grows
	 */
	public long completedCount() {
		return this.completed.sum();
	}

}
