package dev.clusterboot.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The whole cluster as the master sees it at one moment: what a worker fetches to answer
 * {@code /actuator/cluster}, the {@code cluster} health indicator and the meters.
 *
 * @param masterPid the master's process id
 * @param port the port every worker serves
 * @param desiredWorkers how many workers the master keeps running
 * @param startedAt when the master started
 * @param time when this status was taken
 * @param workers every slot, ordered by id
 * @param restarts how many workers were replaced, by reason, since the master started
 * @param connectionMigration whether the kernel moves connections waiting on a closing
 * listener to the other workers ({@code net.ipv4.tcp_migrate_req}); {@code null} when the
 * platform has no such setting
 * @param rollout the current or last rolling restart, or {@code null} if none ran
 * @author cluster-spring-boot-starter
 */
public record ClusterStatus(long masterPid, int port, int desiredWorkers, Instant startedAt, Instant time,
		List<WorkerStatus> workers, Map<RestartReason, Long> restarts, @Nullable Boolean connectionMigration,
		@Nullable RolloutStatus rollout) {

	/**
	 * Count the slots in a state.
	 * @param state the state
	 * @return the number of slots in it
	 */
	public long count(WorkerState state) {
		return this.workers.stream().filter((worker) -> worker.state() == state).count();
	}

	/**
	 * Find a slot by id.
	 * @param id the slot id
	 * @return the slot, or {@code null} when there is none with that id
	 */
	public @Nullable WorkerStatus worker(int id) {
		return this.workers.stream().filter((worker) -> worker.id() == id).findFirst().orElse(null);
	}

}
