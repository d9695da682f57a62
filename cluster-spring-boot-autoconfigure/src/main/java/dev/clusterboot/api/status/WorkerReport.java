package dev.clusterboot.api.status;

import org.jspecify.annotations.Nullable;

/**
 * What a worker reports of itself in each heartbeat. The master keeps the last report of
 * each process and shows it as it is in {@code /actuator/cluster}, so a new figure takes
 * one field here and the line in the worker that fills it.
 *
 * @param ready whether the application accepts traffic on the shared port (Boot's
 * {@code ReadinessState.ACCEPTING_TRAFFIC}, and its web server in the port's group)
 * @param health the worker's own health
 * @param requests how many requests the worker has served
 * @param heapAfterGcBytes bytes of heap in use right after the most recent garbage
 * collection, or {@code null} before the first one
 * @param standingBy whether the worker is a standby that has started the application and
 * waits, on a private port, to be told to join the shared one; a standby is never
 * {@code ready}
 * @author cluster-spring-boot-starter
 */
public record WorkerReport(boolean ready, WorkerHealth health, long requests, @Nullable Long heapAfterGcBytes,
		boolean standingBy) {

	/**
	 * The report of a process that has not sent one yet.
	 */
	public static final WorkerReport NONE = new WorkerReport(false, WorkerHealth.UNKNOWN, 0, null, false);

	/**
	 * Create the report of a worker that is not a standby.
	 * @param ready whether the application accepts traffic on the shared port
	 * @param health the worker's own health
	 * @param requests how many requests the worker has served
	 * @param heapAfterGcBytes heap in use right after the most recent collection
	 */
	public WorkerReport(boolean ready, WorkerHealth health, long requests, @Nullable Long heapAfterGcBytes) {
		this(ready, health, requests, heapAfterGcBytes, false);
	}

}
