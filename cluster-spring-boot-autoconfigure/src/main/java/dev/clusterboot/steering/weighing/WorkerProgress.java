package dev.clusterboot.steering.weighing;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Since when a busy worker has completed no request: what the master remembers from one
 * weighing to the next to tell stuck request threads from a worker that just got a
 * request after a quiet hour.
 * <p>
 * The time of the last completion alone cannot tell them apart (both completed nothing
 * for an hour), so the clock starts when the master first sees the worker busy with a
 * given count of completed requests, or at the last completion when the count has moved
 * since the previous weighing.
 *
 * @param completed the worker's count of completed requests when the clock started
 * @param busySince since when the worker has been busy without completing a request
 * @author cluster-spring-boot-starter
 */
public record WorkerProgress(long completed, Instant busySince) {

	/**
	 * Return the progress after a new report.
	 * @param previous the progress at the previous weighing, {@code null} when the worker
	 * was idle or not weighed
	 * @param load the worker's latest report
	 * @param now the time of this weighing
	 * @return the new progress, {@code null} when the worker has no request in flight
	 */
	static @Nullable WorkerProgress next(@Nullable WorkerProgress previous, WorkerLoad load, Instant now) {
		if (load.inFlight() == 0) {
			return null;
		}
		if (previous == null) {
			return new WorkerProgress(load.completed(), now);
		}
		if (previous.completed == load.completed()) {
			return previous;
		}
		Instant lastCompletion = load.lastCompletion();
		Instant since = (lastCompletion != null && lastCompletion.isBefore(now)) ? lastCompletion : now;
		return new WorkerProgress(load.completed(), since);
	}

	/**
	 * Return whether the worker has been busy without completing a request for too long.
	 * @param now the time of this weighing
	 * @param stalledAfter how long is too long
	 * @return {@code true} when the worker is stalled
	 */
	boolean stalled(Instant now, Duration stalledAfter) {
		return Duration.between(this.busySince, now).compareTo(stalledAfter) >= 0;
	}

}
