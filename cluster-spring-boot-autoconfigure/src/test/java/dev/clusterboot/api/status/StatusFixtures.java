package dev.clusterboot.api.status;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Statuses for tests, built from what a test cares about: a worker's id, pid and state,
 * and the workers of a cluster.
 */
public final class StatusFixtures {

	private StatusFixtures() {
	}

	/**
	 * A slot whose process has reported itself ready and up, or a slot with no process
	 * when its state is not one a process runs in.
	 * @param id the slot id
	 * @param pid the process id
	 * @param state the slot's state
	 * @return the status
	 */
	public static WorkerStatus worker(int id, long pid, WorkerState state) {
		boolean running = state == WorkerState.UP || state == WorkerState.STARTING || state == WorkerState.STOPPING;
		WorkerReport report = new WorkerReport(state == WorkerState.UP,
				(state == WorkerState.UP) ? WorkerHealth.UP : WorkerHealth.UNKNOWN, 0, null);
		ProcessStatus process = running
				? new ProcessStatus(pid, Instant.EPOCH, 0, Instant.EPOCH, Instant.EPOCH, false, report) : null;
		return new WorkerStatus(id, state, 0, process, null, null, null, null);
	}

	/**
	 * A cluster that wants as many workers as it has.
	 * @param workers its slots
	 * @return the status
	 */
	public static ClusterStatus cluster(WorkerStatus... workers) {
		return cluster(workers.length, workers);
	}

	/**
	 * A cluster on port 8080 whose master has pid 1.
	 * @param desired how many workers it wants
	 * @param workers its slots
	 * @return the status
	 */
	public static ClusterStatus cluster(int desired, WorkerStatus... workers) {
		Map<RestartReason, Long> restarts = new EnumMap<>(RestartReason.class);
		Arrays.stream(RestartReason.values()).forEach((reason) -> restarts.put(reason, 0L));
		return new ClusterStatus(Instant.EPOCH, new MasterStatus(1, 8080, Instant.EPOCH, 0, true), desired,
				Arrays.asList(workers), restarts, null, List.of());
	}

}
