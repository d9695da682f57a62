package dev.clusterboot.api.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One worker slot as the master sees it at one moment.
 *
 * @param id the slot id, 1 to N, stable across restarts
 * @param state the slot's state
 * @param restarts how many times the master replaced this slot's worker
 * @param process the process serving the slot, or {@code null} when none runs
 * @param replacement the process starting to replace it, or {@code null}
 * @param lastExit how the slot's previous worker ended, or {@code null}
 * @param lastRestartReason why the slot's worker was last replaced, or {@code null}
 * @param nextRestartAt when a worker in {@link WorkerState#BACKOFF} will be restarted, or
 * {@code null}
 * @author cluster-spring-boot-starter
 */
public record WorkerStatus(int id, WorkerState state, int restarts, @Nullable ProcessStatus process,
		@Nullable ProcessStatus replacement, @Nullable WorkerExit lastExit, @Nullable RestartReason lastRestartReason,
		@Nullable Instant nextRestartAt) {

	/**
	 * Return the process id of the process serving the slot.
	 * @return the pid, or {@code null} when none runs
	 */
	public @Nullable Long pid() {
		ProcessStatus current = this.process;
		return (current != null) ? current.pid() : null;
	}

	/**
	 * Return what the serving process last reported.
	 * @return its report, or {@link WorkerReport#NONE} when none runs
	 */
	public WorkerReport report() {
		ProcessStatus current = this.process;
		return (current != null) ? current.report() : WorkerReport.NONE;
	}

}
