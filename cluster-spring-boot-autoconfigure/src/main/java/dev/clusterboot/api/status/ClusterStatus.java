package dev.clusterboot.api.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * The whole cluster as the master sees it at one moment: what a worker fetches to answer
 * {@code /actuator/cluster}, the {@code cluster} health indicator and the meters.
 *
 * @param time when this status was taken
 * @param master the master process
 * @param desiredWorkers how many workers the master keeps running
 * @param workers every slot, ordered by id
 * @param restarts how many workers were replaced, by reason, since the master started
 * @param rollout the current or last rolling restart, or {@code null} if none ran
 * @param stateWarnings what the workers found of state that each keeps on its own, in the
 * order first found; empty unless the cluster runs more than one worker
 * @param leader the serving worker the master has named the leader, or {@code null} while
 * no worker serves
 * @param standbys the standby workers, which serve no slot and are not counted in
 * {@code workers}
 * @param messageDrops how many messages between workers the master dropped, by reason,
 * since it started
 * @param steering how new connections on the shared port are steered over the workers
 * @author cluster-spring-boot-starter
 */
public record ClusterStatus(Instant time, MasterStatus master, int desiredWorkers, List<WorkerStatus> workers,
		Map<RestartReason, Long> restarts, @Nullable RolloutStatus rollout, List<StateWarning> stateWarnings,
		@Nullable LeaderStatus leader, StandbyPool standbys, Map<MessageDropReason, Long> messageDrops,
		SteeringStatus steering) {

	/**
	 * Check the status; a status without standbys or message drops has none, and one
	 * without steering does not steer.
	 */
	@JsonCreator
	public ClusterStatus {
		standbys = (standbys != null) ? standbys : StandbyPool.NONE;
		messageDrops = (messageDrops != null) ? messageDrops : Map.of();
		steering = (steering != null) ? steering : SteeringStatus.OFF;
	}

	/**
	 * Create a status without a leader, standby workers or dropped messages.
	 * @param time when this status was taken
	 * @param master the master process
	 * @param desiredWorkers how many workers the master keeps running
	 * @param workers every slot, ordered by id
	 * @param restarts how many workers were replaced, by reason, since the master started
	 * @param rollout the current or last rolling restart, or {@code null} if none ran
	 * @param stateWarnings what the workers found of state that each keeps on its own
	 */
	public ClusterStatus(Instant time, MasterStatus master, int desiredWorkers, List<WorkerStatus> workers,
			Map<RestartReason, Long> restarts, @Nullable RolloutStatus rollout, List<StateWarning> stateWarnings) {
		this(time, master, desiredWorkers, workers, restarts, rollout, stateWarnings, null, StandbyPool.NONE, Map.of(),
				SteeringStatus.OFF);
	}

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
