package dev.clusterboot.steering;

import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.weighing.PortGroupOrder;

/**
 * The port's group as the master last wrote it for the workers that choose per request
 * ({@link SteeringMode#LEAST}): written again only when the group or who may take
 * connections changed, so that the workers' generation moves only then.
 *
 * @author cluster-spring-boot-starter
 */
final class GroupPublication {

	private @Nullable BiConsumer<List<Long>, List<Boolean>> shared;

	private @Nullable List<Integer> weights;

	private List<Long> order = List.of();

	void shareWith(BiConsumer<List<Long>, List<Boolean>> group) {
		this.shared = group;
		this.weights = null;
	}

	/**
	 * Write the group a decision was made on, unless it is what was written last.
	 * @param order the port's group
	 * @param decision the decision
	 */
	void publish(PortGroupOrder order, SteeringDecision decision) {
		BiConsumer<List<Long>, List<Boolean>> group = this.shared;
		if (group == null || decision.weights().equals(this.weights) && order.workers().equals(this.order)) {
			return;
		}
		group.accept(order.workers(), decision.weights().stream().map((weight) -> weight > 0).toList());
		this.weights = decision.weights();
		this.order = order.workers();
	}

	/**
	 * Write an empty group: the workers stop choosing.
	 */
	void withdraw() {
		BiConsumer<List<Long>, List<Boolean>> group = this.shared;
		if (group != null) {
			group.accept(List.of(), List.of());
			this.weights = List.of();
			this.order = List.of();
		}
	}

}
