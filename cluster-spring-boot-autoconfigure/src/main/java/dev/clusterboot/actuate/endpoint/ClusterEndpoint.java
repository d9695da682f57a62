package dev.clusterboot.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.ClusterCommandRefusedException;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.LeaderStatus;
import dev.clusterboot.api.status.MasterStatus;
import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.RolloutStatus;
import dev.clusterboot.api.status.StandbyPool;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.api.status.WorkerStatus;
import dev.clusterboot.properties.ClusterLimits;

/**
 * {@code /actuator/cluster}: the whole cluster as its master sees it, whichever worker
 * answers the request. {@code /actuator/cluster/{id}} shows one worker, and answers 404
 * for an id that has no slot.
 * <p>
 * A {@code POST} changes the cluster: {@code {"action": "restart"}} starts a rolling
 * restart, {@code {"workers": 4}} scales. Write access is off by default: the endpoint's
 * default access is read-only, and {@code management.endpoint.cluster.access=unrestricted}
 * turns it on (secure it as any write operation, for example on a management port or
 * behind Spring Security). Over HTTP, {@link ClusterEndpointWebExtension} answers a change
 * that is invalid or that the master refuses with the reason in the body.
 *
 * @author cluster-spring-boot-starter
 */
@Endpoint(id = "cluster", defaultAccess = Access.READ_ONLY)
public class ClusterEndpoint {

	private final ClusterStatusClient client;

	/**
	 * Create the endpoint.
	 * @param client fetches the status from the master
	 */
	public ClusterEndpoint(ClusterStatusClient client) {
		this.client = client;
	}

	/**
	 * Describe the cluster.
	 * @return the master and every worker
	 */
	@ReadOperation
	public ClusterDescriptor cluster() {
		return ClusterDescriptor.of(this.client.fetch());
	}

	/**
	 * Change the cluster: start a rolling restart, or set the number of workers. A
	 * rolling restart requested while one runs leaves it alone and shows its progress.
	 * @param action {@code restart} for a rolling restart, or {@code null}
	 * @param workers the number of workers to run, or {@code null}
	 * @return the cluster after the change
	 * @throws InvalidEndpointRequestException when neither is given, or either is not
	 * one of the allowed values; the message says which and what is allowed
	 * @throws ClusterCommandRefusedException when the master refuses the change, with its
	 * reason
	 */
	@WriteOperation
	public ClusterDescriptor change(@Nullable String action, @Nullable Integer workers) {
		if (action == null && workers == null) {
			throw new InvalidEndpointRequestException("Give 'action' (\"restart\") or 'workers' (1 to "
					+ ClusterLimits.MAX_WORKERS + ")", "Missing 'action' or 'workers'");
		}
		if (action != null && !"restart".equals(action)) {
			throw new InvalidEndpointRequestException("Unknown action '" + action + "'; the only action is 'restart'",
					"Unknown action");
		}
		if (workers != null && (workers < 1 || workers > ClusterLimits.MAX_WORKERS)) {
			throw new InvalidEndpointRequestException("'workers' must be from 1 to " + ClusterLimits.MAX_WORKERS
					+ " (the bounds of cluster.workers), not " + workers, "Invalid 'workers'");
		}
		if (workers != null) {
			this.client.requestScale(workers);
		}
		return ClusterDescriptor.of((action != null) ? this.client.requestRollingRestart() : this.client.fetch());
	}

	/**
	 * Describe one worker.
	 * @param id the worker's slot id
	 * @return the worker, or {@code null} (404) when there is no such slot
	 */
	@ReadOperation
	public @Nullable WorkerDescriptor worker(@Selector int id) {
		ClusterStatus status = this.client.fetch();
		WorkerStatus worker = status.worker(id);
		return (worker != null) ? new WorkerDescriptor(worker) : null;
	}

	/**
	 * The cluster as a whole. Every enum value in it is written as its constant's name,
	 * upper case ({@code UP}, {@code BOOT_TIMEOUT}, {@code COMPLETED}).
	 *
	 * @param time when the master took this status
	 * @param master the master process
	 * @param desiredWorkers how many workers the master keeps running
	 * @param upWorkers how many are up
	 * @param restarts workers replaced since the master started, by reason
	 * @param rollout the current or last rolling restart, or {@code null} if none ran
	 * @param workers every worker slot
	 * @param stateWarnings state that each worker keeps on its own (kind, what was found,
	 * the fix, the property that silences it); empty unless more than one worker runs
	 * @param leader the serving worker the master has named the leader (slot, pid, since
	 * when) and its {@code scope}: {@code HOST} when it is the cluster's leader, on which
	 * leader-only {@code @Scheduled} methods run; {@code ALL_HOSTS} when the hosts' leaders
	 * contend for a shared lock, with {@code lock} (its {@code key}, whether this host
	 * {@code held} it, and {@code since} when); {@code null} while no worker serves
	 * @param standbys the standby workers ({@code cluster.standby-workers}): how many the
	 * master keeps, how many it promoted, and each one's state ({@code STARTING},
	 * {@code STANDING_BY}, {@code STOPPING}) and process (pid, startedAt, readyAt: when it
	 * stood by); a standby serves no slot and is not counted in {@code upWorkers}
	 * @param messageDrops messages between workers that the master dropped, by reason
	 * @param steering how the master steers new connections on the shared port: the mode,
	 * whether it is active or unavailable and why, and each worker's share
	 */
	public record ClusterDescriptor(Instant time, MasterStatus master, int desiredWorkers, long upWorkers,
			Map<RestartReason, Long> restarts, @Nullable RolloutStatus rollout, List<WorkerStatus> workers,
			List<StateWarning> stateWarnings, @Nullable LeaderStatus leader, StandbyPool standbys,
			Map<MessageDropReason, Long> messageDrops, SteeringStatus steering)
			implements OperationResponseBody {

		static ClusterDescriptor of(ClusterStatus status) {
			return new ClusterDescriptor(status.time(), status.master(), status.desiredWorkers(),
					status.count(WorkerState.UP), status.restarts(), status.rollout(), status.workers(),
					status.stateWarnings(), status.leader(), status.standbys(), status.messageDrops(),
					status.steering());
		}

	}

	/**
	 * One worker slot, as in {@link ClusterDescriptor#workers()}.
	 *
	 * @param worker the slot
	 */
	public record WorkerDescriptor(@JsonUnwrapped WorkerStatus worker) implements OperationResponseBody {

	}

}
