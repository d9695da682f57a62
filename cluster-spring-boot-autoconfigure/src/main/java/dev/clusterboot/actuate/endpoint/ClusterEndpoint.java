package dev.clusterboot.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.clusterboot.channel.ClusterStatus;
import dev.clusterboot.autoconfigure.ClusterProperties;
import dev.clusterboot.channel.RestartReason;
import dev.clusterboot.channel.RolloutStatus;
import dev.clusterboot.channel.WorkerExit;
import dev.clusterboot.channel.WorkerState;
import dev.clusterboot.channel.WorkerStatus;
import dev.clusterboot.worker.ClusterStatusClient;

/**
 * {@code /actuator/cluster}: the whole cluster as its master sees it, whichever worker
 * answers the request. {@code /actuator/cluster/{id}} shows one worker, and answers 404
 * for an id that has no slot.
 * <p>
 * A {@code POST} changes the cluster: {@code {"action": "restart"}} starts a rolling
 * restart, {@code {"workers": 4}} scales. Write access is off by default: the endpoint's
 * default access is read-only, and {@code management.endpoint.cluster.access=unrestricted}
 * turns it on (secure it as any write operation, for example on a management port or
 * behind Spring Security).
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
	 */
	@WriteOperation
	public ClusterDescriptor change(@Nullable String action, @Nullable Integer workers) {
		if (action == null && workers == null) {
			throw new InvalidEndpointRequestException("Give 'action' (\"restart\") or 'workers' (1 to "
					+ ClusterProperties.MAX_WORKERS + ")", "Missing 'action' or 'workers'");
		}
		if (action != null && !"restart".equals(action)) {
			throw new InvalidEndpointRequestException("Unknown action '" + action + "'; the only action is 'restart'",
					"Unknown action");
		}
		if (workers != null && (workers < 1 || workers > ClusterProperties.MAX_WORKERS)) {
			throw new InvalidEndpointRequestException("'workers' must be from 1 to " + ClusterProperties.MAX_WORKERS
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
		return (worker != null) ? WorkerDescriptor.of(worker, status.time()) : null;
	}

	/**
	 * The cluster as a whole.
	 *
	 * @param masterPid the master's process id
	 * @param port the port the workers share
	 * @param desiredWorkers how many workers the master keeps running
	 * @param upWorkers how many are up
	 * @param masterStartedAt when the master started
	 * @param restarts workers replaced since the master started, by reason
	 * @param connectionMigration whether {@code net.ipv4.tcp_migrate_req} is on, or
	 * {@code null} when the platform has no such setting
	 * @param rollout the current or last rolling restart
	 * @param workers every worker slot
	 */
	public record ClusterDescriptor(long masterPid, int port, int desiredWorkers, long upWorkers,
			Instant masterStartedAt, Map<String, Long> restarts, @Nullable Boolean connectionMigration,
			@Nullable RolloutStatus rollout, List<WorkerDescriptor> workers) implements OperationResponseBody {

		static ClusterDescriptor of(ClusterStatus status) {
			Map<String, Long> restarts = new TreeMap<>();
			status.restarts().forEach((reason, count) -> restarts.put(reason.tagValue(), count));
			List<WorkerDescriptor> workers = status.workers()
				.stream()
				.map((worker) -> WorkerDescriptor.of(worker, status.time()))
				.toList();
			return new ClusterDescriptor(status.masterPid(), status.port(), status.desiredWorkers(),
					status.count(WorkerState.UP), status.startedAt(), restarts, status.connectionMigration(),
					status.rollout(), workers);
		}

	}

	/**
	 * One worker slot.
	 *
	 * @param id the slot id, stable across restarts
	 * @param pid the current worker's process id, or {@code null} when none runs
	 * @param state the slot's state
	 * @param health the health the worker last reported
	 * @param restarts how many times this slot's worker was replaced
	 * @param startedAt when the current worker was launched
	 * @param uptimeSeconds seconds since the current worker became ready
	 * @param lastHeartbeatAt when the master last heard from the worker
	 * @param lastRestartReason why the worker was last replaced
	 * @param nextRestartAt when a worker in backoff will be restarted
	 * @param lastExit how the slot's previous worker ended
	 * @param requests requests the current worker has served
	 * @param heapAfterGcBytes heap the current worker held after its last garbage
	 * collection, or {@code null} when not known
	 * @param replacementPid the worker starting to replace this one, or {@code null}
	 * @param classDataSharing whether the worker was started from the master's class-data
	 * archive
	 */
	public record WorkerDescriptor(int id, @Nullable Long pid, WorkerState state, String health, int restarts,
			@Nullable Instant startedAt, @Nullable Long uptimeSeconds, @Nullable Instant lastHeartbeatAt,
			@Nullable String lastRestartReason, @Nullable Instant nextRestartAt, @Nullable WorkerExit lastExit,
			long requests, @Nullable Long heapAfterGcBytes, @Nullable Long replacementPid, boolean classDataSharing)
			implements OperationResponseBody {

		static WorkerDescriptor of(WorkerStatus worker, Instant now) {
			Instant readyAt = worker.readyAt();
			Long uptime = (readyAt != null) ? Duration.between(readyAt, now).toSeconds() : null;
			RestartReason reason = worker.lastRestartReason();
			return new WorkerDescriptor(worker.id(), worker.pid(), worker.state(), worker.health(), worker.restarts(),
					worker.startedAt(), uptime, worker.lastHeartbeatAt(), (reason != null) ? reason.tagValue() : null,
					worker.nextRestartAt(), worker.lastExit(), worker.requests(),
					(worker.heapAfterGc() >= 0) ? worker.heapAfterGc() : null, worker.replacementPid(),
					worker.classDataSharing());
		}

	}

}
