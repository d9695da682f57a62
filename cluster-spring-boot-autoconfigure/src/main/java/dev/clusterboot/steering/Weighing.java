package dev.clusterboot.steering;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WeightPolicy;
import dev.clusterboot.steering.weighing.WorkerLoad;

/**
 * The master's running weighing of the port's group: the latest weights, the sticky
 * buckets and the decision made from them, and how often a worker was turned away. Each
 * decision starts from the one before, so that progress and buckets carry over.
 *
 * @author cluster-spring-boot-starter
 */
final class Weighing {

	private final SteeringMode mode;

	private final WeightPolicy policy;

	private SteeringWeights weights = SteeringWeights.NONE;

	private StickyBuckets buckets = StickyBuckets.NONE;

	private @Nullable SteeringDecision decided;

	private final ExclusionCounts exclusions = new ExclusionCounts();

	Weighing(SteeringMode mode, SteeringSettings settings) {
		this.mode = mode;
		this.policy = new WeightPolicy(settings.unresponsiveAfter(), settings.stalledAfter());
	}

	/**
	 * Weigh the workers again and decide where new connections go.
	 * @param now the current time
	 * @param order the port's group
	 * @param loads each worker's latest report
	 * @return the decision
	 */
	SteeringDecision decide(Instant now, PortGroupOrder order, Map<Long, WorkerLoad> loads) {
		SteeringWeights before = this.weights;
		this.weights = this.policy.weigh(now, order, loads, before);
		this.exclusions.count(before, this.weights);
		SteeringWeights serving = this.weights.orEveryWorkerNotLeaving();
		if (this.mode == SteeringMode.STICKY) {
			this.buckets = this.buckets.reassign(serving.eligible());
		}
		SteeringDecision decision = SteeringDecision.of(this.mode, order, serving, this.buckets);
		this.decided = decision;
		return decision;
	}

	/**
	 * Decide where new connections go without one worker: the latest weighing, less that
	 * worker, or the other workers alike when none of them may take connections.
	 * @param pid the worker to leave out
	 * @param order the port's group
	 * @return the decision
	 */
	SteeringDecision excluding(long pid, PortGroupOrder order) {
		SteeringWeights excluding = this.weights.without(pid, order);
		StickyBuckets reassigned = (this.mode == SteeringMode.STICKY) ? this.buckets.reassign(excluding.eligible())
				: StickyBuckets.NONE;
		return SteeringDecision.of(this.mode, order, excluding, reassigned);
	}

	SteeringWeights weights() {
		return this.weights;
	}

	/**
	 * Describe the weighing as the cluster's status shows it.
	 * @param unavailable why steering is unavailable, or {@code null}
	 * @param order the port's group
	 * @param programs how many programs were attached
	 * @param slots the slot id of a worker by process id
	 * @return the status
	 */
	SteeringStatus status(@Nullable String unavailable, PortGroupOrder order, long programs,
			LongFunction<@Nullable Integer> slots) {
		return SteeringStatuses.of(this.mode, unavailable, order, this.decided, this.weights, slots)
			.counted(this.exclusions.byReason(), programs);
	}

}
