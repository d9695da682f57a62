package dev.clusterboot.steering;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.clusterboot.steering.weighing.ExclusionReason;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WorkerWeight;

/**
 * How often steering turned new connections away from a worker, by reason, since the
 * master started: each time a worker's weighing goes from taking connections (or another
 * reason) to an exclusion counts once. The kernel does not say which socket each
 * connection went to, so this counts the decisions that steered connections away, not
 * the connections themselves.
 *
 * @author cluster-spring-boot-starter
 */
final class ExclusionCounts {

	private final Map<ExclusionReason, Long> counts = new EnumMap<>(ExclusionReason.class);

	/**
	 * Count the exclusions that a new weighing starts.
	 * @param before the weighing before
	 * @param after the new weighing
	 */
	void count(SteeringWeights before, SteeringWeights after) {
		for (WorkerWeight weight : after.workers()) {
			ExclusionReason reason = weight.exclusion();
			WorkerWeight previous = before.of(weight.pid());
			if (reason != null && (previous == null || previous.exclusion() != reason)) {
				this.counts.merge(reason, 1L, Long::sum);
			}
		}
	}

	/**
	 * Return the counts by reason name, every reason present.
	 * @return the counts, in the reasons' order
	 */
	Map<String, Long> byReason() {
		Map<String, Long> byReason = new LinkedHashMap<>();
		for (ExclusionReason reason : ExclusionReason.values()) {
			byReason.put(reason.name(), this.counts.getOrDefault(reason, 0L));
		}
		return byReason;
	}

}
