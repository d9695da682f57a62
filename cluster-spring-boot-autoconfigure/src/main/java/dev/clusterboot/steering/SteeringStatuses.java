package dev.clusterboot.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.SteeredWorker;
import dev.clusterboot.api.status.SteeringState;
import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.steering.weighing.ExclusionReason;
import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WorkerWeight;

/**
 * Describes steering as the cluster's status shows it: each worker in the group's order
 * with its share of new connections under the latest decision, and why it is excluded.
 *
 * @author cluster-spring-boot-starter
 */
final class SteeringStatuses {

	private SteeringStatuses() {
	}

	/**
	 * Describe steering.
	 * @param mode the mode
	 * @param unavailable why steering is unavailable, or {@code null}
	 * @param group the workers in the group, in socket order
	 * @param decision the latest decision, {@code null} before the first
	 * @param weights the latest weighing
	 * @param slots the slot id of a worker by process id
	 * @return the status
	 */
	static SteeringStatus of(SteeringMode mode, @Nullable String unavailable, PortGroupOrder group,
			@Nullable SteeringDecision decision, SteeringWeights weights, LongFunction<@Nullable Integer> slots) {
		if (mode == SteeringMode.OFF) {
			return SteeringStatus.OFF;
		}
		List<Integer> shares = (unavailable == null && decision != null && decision.weights().size() == group.size())
				? decision.weights() : List.of();
		long total = shares.stream().mapToLong(Integer::longValue).sum();
		List<SteeredWorker> workers = new ArrayList<>(group.size());
		for (int socket = 0; socket < group.size(); socket++) {
			long pid = group.workers().get(socket);
			int share = (total > 0) ? (int) Math.round(shares.get(socket) * 100.0 / total) : 0;
			WorkerWeight weight = weights.of(pid);
			ExclusionReason exclusion = (weight != null) ? weight.exclusion() : null;
			workers.add(new SteeredWorker(slots.apply(pid), pid, socket, share,
					(exclusion != null) ? exclusion.name() : null));
		}
		SteeringState state = (unavailable == null) ? SteeringState.ACTIVE : SteeringState.UNAVAILABLE;
		return new SteeringStatus(mode.name(), state, unavailable, workers);
	}

}
