package dev.clusterboot.metrics;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.StandbyState;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.steering.weighing.ExclusionReason;

/**
 * Binds the cluster's meters. The figures come from the master, so they describe the
 * whole cluster and survive the restart of the worker that reports them. Every state and
 * reason is registered up front, so dashboards show zero rather than no data.
 * <ul>
 * <li>{@value #WORKERS}, a gauge per {@code state}: workers in each state;</li>
 * <li>{@value #DESIRED_WORKERS}: how many workers the master keeps running;</li>
 * <li>{@value #RESTARTS}, a counter per {@code reason}: workers replaced since the master
 * started;</li>
 * <li>{@value #STEERING_EXCLUSIONS}, a counter per {@code reason}: how many times steering
 * turned new connections away from a worker, and {@value #STEERING_EXCLUDED}, a gauge per
 * {@code reason}: the workers that get none now;</li>
 * <li>{@value #STEERING_PROGRAMS}: steering programs the workers attached.</li>
 * </ul>
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterMeterBinder implements MeterBinder {

	/**
	 * Name of the gauge of workers per state.
	 */
	public static final String WORKERS = "cluster.workers";

	/**
	 * Name of the gauge of desired workers.
	 */
	public static final String DESIRED_WORKERS = "cluster.desired.workers";

	/**
	 * Name of the counter of replaced workers per reason.
	 */
	public static final String RESTARTS = "cluster.worker.restarts";

	/**
	 * Name of the counter of standby workers promoted into a slot.
	 */
	public static final String STANDBY_PROMOTIONS = "cluster.standby.promotions";

	/**
	 * Name of the gauge of standby workers per state.
	 */
	public static final String STANDBY_WORKERS = "cluster.standby.workers";

	/**
	 * Name of the counter of exclusions from new connections per reason.
	 */
	public static final String STEERING_EXCLUSIONS = "cluster.steering.exclusions";

	/**
	 * Name of the gauge of workers excluded from new connections now, per reason.
	 */
	public static final String STEERING_EXCLUDED = "cluster.steering.excluded.workers";

	/**
	 * Name of the counter of attached steering programs.
	 */
	public static final String STEERING_PROGRAMS = "cluster.steering.programs";

	private final ClusterStatusClient client;

	/**
	 * Create a binder.
	 * @param client fetches the status from the master, at most once a second
	 */
	public ClusterMeterBinder(ClusterStatusClient client) {
		this.client = client;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (WorkerState state : WorkerState.values()) {
			Gauge.builder(WORKERS, this.client, fromStatus((status) -> status.count(state)))
				.tag("state", state.displayName())
				.description("Workers in each state, as the cluster master sees them")
				.baseUnit("workers")
				.register(registry);
		}
		Gauge.builder(DESIRED_WORKERS, this.client, fromStatus(ClusterStatus::desiredWorkers))
			.description("Workers the cluster master keeps running")
			.baseUnit("workers")
			.register(registry);
		for (RestartReason reason : RestartReason.values()) {
			FunctionCounter
				.builder(RESTARTS, this.client, fromStatus((status) -> status.restarts().getOrDefault(reason, 0L)))
				.tag("reason", reason.tagValue())
				.description("Workers the cluster master replaced since it started")
				.baseUnit("restarts")
				.register(registry);
		}
		FunctionCounter
			.builder(STANDBY_PROMOTIONS, this.client, fromStatus((status) -> status.standbys().promotions()))
			.description("Standby workers the cluster master promoted into a slot since it started")
			.baseUnit("promotions")
			.register(registry);
		for (StandbyState state : StandbyState.values()) {
			Gauge.builder(STANDBY_WORKERS, this.client, fromStatus((status) -> status.standbys().count(state)))
				.tag("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.description("Standby workers in each state; they serve no traffic")
				.baseUnit("workers")
				.register(registry);
		}
		bindSteering(registry);
	}

	private void bindSteering(MeterRegistry registry) {
		for (ExclusionReason reason : ExclusionReason.values()) {
			String tag = reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
			FunctionCounter
				.builder(STEERING_EXCLUSIONS, this.client,
						fromStatus((status) -> status.steering().exclusions().getOrDefault(reason.name(), 0L)))
				.tag("reason", tag)
				.description("Times connection steering turned new connections away from a worker")
				.baseUnit("exclusions")
				.register(registry);
			Gauge.builder(STEERING_EXCLUDED, this.client, fromStatus((status) -> excluded(status, reason)))
				.tag("reason", tag)
				.description("Workers that connection steering gives no new connections now")
				.baseUnit("workers")
				.register(registry);
		}
		FunctionCounter.builder(STEERING_PROGRAMS, this.client, fromStatus((status) -> status.steering().programs()))
			.description("Connection steering programs the workers attached to the shared port")
			.baseUnit("programs")
			.register(registry);
	}

	private static long excluded(ClusterStatus status, ExclusionReason reason) {
		return status.steering().workers().stream().filter((worker) -> reason.name().equals(worker.exclusion())).count();
	}

	private static ToDoubleFunction<ClusterStatusClient> fromStatus(ToDoubleFunction<ClusterStatus> value) {
		return (client) -> {
			ClusterStatus status = client.recent();
			return (status != null) ? value.applyAsDouble(status) : 0;
		};
	}

}
