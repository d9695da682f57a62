package dev.clusterboot.actuate.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.RolloutStatus;
import dev.clusterboot.api.status.WorkerState;

/**
 * The {@code cluster} health component, from the master's view of its workers:
 * <ul>
 * <li>{@code UP} when every desired worker is up;</li>
 * <li>{@code DEGRADED} when fewer are up than desired, but at least the minimum
 * ({@code cluster.health.min-up-workers}, default 1): the service answers with less
 * capacity. Boot's default status order does not list it, so it does not change the
 * overall status unless {@code management.endpoint.health.status.order} names it;</li>
 * <li>{@code DOWN} when fewer than the minimum are up, or the master cannot be
 * reached.</li>
 * </ul>
 * In the readiness group, where the starter puts it on Kubernetes, {@code DOWN} takes
 * the pod out of its Service while {@code DEGRADED} keeps it serving.
 * Details give the desired and up counts and the master's pid, and the reason when the
 * last rolling restart failed.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Some, but not all, desired workers are up.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Fewer workers are up than desired");

	private final ClusterStatusClient client;

	private final int minUpWorkers;

	/**
	 * Create the indicator.
	 * @param client fetches the status from the master
	 * @param minUpWorkers fewest workers up for {@code UP} or {@code DEGRADED}, capped at
	 * the desired number of workers
	 */
	public ClusterHealthIndicator(ClusterStatusClient client, int minUpWorkers) {
		super("Cluster health check failed");
		this.client = client;
		this.minUpWorkers = Math.max(minUpWorkers, 1);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ClusterStatus status = this.client.fetch();
		long up = status.count(WorkerState.UP);
		int desired = status.desiredWorkers();
		if (up >= desired) {
			builder.up();
		}
		else if (up < Math.min(this.minUpWorkers, desired)) {
			builder.down();
		}
		else {
			builder.status(DEGRADED);
		}
		builder.withDetail("desiredWorkers", desired)
			.withDetail("upWorkers", up)
			.withDetail("minUpWorkers", Math.min(this.minUpWorkers, desired))
			.withDetail("masterPid", status.master().pid());
		RolloutStatus rollout = status.rollout();
		if (rollout != null && rollout.state() == RolloutStatus.State.FAILED && rollout.failure() != null) {
			builder.withDetail("rolloutFailure", rollout.failure());
		}
	}

}
