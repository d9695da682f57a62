package dev.clusterboot.steering.weighing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the master knows of one worker in the port's group when it weighs the workers:
 * the latest report the worker sent, and when it came.
 *
 * @param pid the worker's process id
 * @param lastReport when the master received the worker's latest report
 * @param ready whether the application accepts traffic
 * @param draining whether the worker is draining or leaving the group
 * @param inFlight how many requests the worker is serving now
 * @param slow how many of those have been in flight for longer than the worker's slow
 * threshold
 * @param completed how many requests the worker has completed, a counter that only grows
 * @param lastCompletion when the worker completed its latest request, {@code null} when it
 * has completed none
 * @author cluster-spring-boot-starter
 */
public record WorkerLoad(long pid, Instant lastReport, boolean ready, boolean draining, int inFlight, int slow,
		long completed, @Nullable Instant lastCompletion) {

	/**
	 * Create the load of a worker.
	 * @param pid the worker's process id
	 * @param lastReport when the master received the worker's latest report
	 * @param ready whether the application accepts traffic
	 * @param draining whether the worker is draining or leaving the group
	 * @param inFlight how many requests the worker is serving now, not negative
	 * @param slow how many of those have been in flight for long, 0 to {@code inFlight}
	 * @param completed how many requests the worker has completed, not negative
	 * @param lastCompletion when the worker completed its latest request
	 */
	public WorkerLoad {
		if (inFlight < 0 || completed < 0 || slow < 0 || slow > inFlight) {
			throw new IllegalArgumentException("Requests in flight, slow and completed must be counts, with no more "
					+ "slow than in flight: " + inFlight + ", " + slow + ", " + completed);
		}
	}

}
