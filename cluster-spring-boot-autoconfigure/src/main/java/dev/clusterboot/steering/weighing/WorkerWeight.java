package dev.clusterboot.steering.weighing;

import org.jspecify.annotations.Nullable;

/**
 * One worker's weight by load, or why it gets no new connections, as the steering
 * endpoint shows it.
 *
 * @param pid the worker's process id
 * @param weight the worker's weight by load, {@code 0} exactly when it is excluded
 * @param exclusion why the worker gets no new connections, {@code null} when it may take
 * them
 * @param progress since when the worker has been busy without completing a request,
 * {@code null} when it is idle
 * @author cluster-spring-boot-starter
 */
public record WorkerWeight(long pid, int weight, @Nullable ExclusionReason exclusion,
		@Nullable WorkerProgress progress) {

	/**
	 * Create a worker's weight.
	 * @param pid the worker's process id
	 * @param weight the weight, {@code 0} exactly when the worker is excluded
	 * @param exclusion why the worker is excluded
	 * @param progress since when the worker has been busy without completing a request
	 */
	public WorkerWeight {
		if ((exclusion == null) != (weight > 0)) {
			throw new IllegalArgumentException(
					"A worker has a positive weight exactly when it is not excluded: " + weight + ", " + exclusion);
		}
	}

	/**
	 * Return whether the worker may take new connections.
	 * @return {@code true} when it is not excluded
	 */
	public boolean eligible() {
		return this.exclusion == null;
	}

}
