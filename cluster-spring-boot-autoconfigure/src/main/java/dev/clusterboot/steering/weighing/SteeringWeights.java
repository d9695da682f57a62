package dev.clusterboot.steering.weighing;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The weights of the workers in the port's group, in the group's order: the outcome of
 * one weighing, and what the next weighing remembers from it.
 *
 * @param workers each worker's weight, the worker at socket index 0 first
 * @author cluster-spring-boot-starter
 */
public record SteeringWeights(List<WorkerWeight> workers) {

	/**
	 * The weights before the first weighing.
	 */
	public static final SteeringWeights NONE = new SteeringWeights(List.of());

	/**
	 * Create the weights.
	 * @param workers each worker's weight, in the group's order
	 */
	public SteeringWeights {
		workers = List.copyOf(workers);
	}

	/**
	 * Return one worker's weight.
	 * @param pid the worker's process id
	 * @return its weight, {@code null} when it was not weighed
	 */
	public @Nullable WorkerWeight of(long pid) {
		for (WorkerWeight worker : this.workers) {
			if (worker.pid() == pid) {
				return worker;
			}
		}
		return null;
	}

	/**
	 * Return the workers that may take new connections, in the group's order.
	 * @return their process ids
	 */
	public List<Long> eligible() {
		return this.workers.stream().filter(WorkerWeight::eligible).map(WorkerWeight::pid).toList();
	}

	/**
	 * Return these weights, or, when no worker may take new connections, every worker
	 * that is not draining alike: the kernel's hash, which a program falls back to when
	 * none may, would hand a leaving worker its share of new connections until it closes,
	 * and reset them then, while a stalled or unresponsive worker at least keeps them.
	 * @return the weights to decide from
	 */
	public SteeringWeights orEveryWorkerNotLeaving() {
		if (this.workers.stream().anyMatch(WorkerWeight::eligible)) {
			return this;
		}
		List<WorkerWeight> staying = new ArrayList<>();
		for (WorkerWeight worker : this.workers) {
			boolean leaving = worker.exclusion() == ExclusionReason.DRAINING;
			staying.add(leaving ? worker : new WorkerWeight(worker.pid(), WeightPolicy.MAX_WEIGHT, null, worker.progress()));
		}
		return new SteeringWeights(staying);
	}

	/**
	 * Return these weights without one worker: the other eligible workers as weighed, or,
	 * when none of them is eligible, every other worker of the group alike, so that the
	 * program of a leaving worker always sends new connections somewhere else.
	 * @param pid the worker to leave out
	 * @param order the port's group
	 * @return the weights of the others
	 */
	public SteeringWeights without(long pid, PortGroupOrder order) {
		List<WorkerWeight> others = new ArrayList<>();
		for (long worker : order.workers()) {
			WorkerWeight weight = of(worker);
			if (worker != pid && weight != null && weight.eligible()) {
				others.add(weight);
			}
		}
		if (others.isEmpty()) {
			order.workers()
				.stream()
				.filter((worker) -> worker != pid)
				.forEach((worker) -> others.add(new WorkerWeight(worker, WeightPolicy.MAX_WEIGHT, null, null)));
		}
		return new SteeringWeights(others);
	}

}
