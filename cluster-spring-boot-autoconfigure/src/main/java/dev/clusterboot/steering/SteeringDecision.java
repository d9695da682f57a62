package dev.clusterboot.steering;

import java.util.ArrayList;
import java.util.List;

import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WeightPolicy;
import dev.clusterboot.steering.weighing.WorkerWeight;

/**
 * What the master decided about new connections on the port: the mode, a weight for each
 * socket in the group's order (0 = no new connections), and in
 * {@link SteeringMode#STICKY} the socket that serves each bucket of client addresses.
 * {@link SteeringProgramCompiler} turns it into a program.
 *
 * @param mode how connections are steered
 * @param weights the weight of each socket, socket index 0 first
 * @param buckets in {@link SteeringMode#STICKY}, the socket index of each of the
 * {@value StickyBuckets#BUCKETS} buckets; otherwise, or when every weight is 0, empty
 * @author cluster-spring-boot-starter
 */
public record SteeringDecision(SteeringMode mode, List<Integer> weights, List<Integer> buckets) {

	/**
	 * Create a decision.
	 * @param mode how connections are steered
	 * @param weights the weight of each socket, none negative, in all at most
	 * {@link Integer#MAX_VALUE}
	 * @param buckets the socket of each bucket, each one with a positive weight
	 */
	public SteeringDecision {
		weights = List.copyOf(weights);
		buckets = List.copyOf(buckets);
		long total = 0;
		for (int weight : weights) {
			if (weight < 0) {
				throw new IllegalArgumentException("Weights cannot be negative: " + weights);
			}
			total += weight;
		}
		if (total > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("Weights add up to more than " + Integer.MAX_VALUE + ": " + total);
		}
		boolean bucketsExpected = mode == SteeringMode.STICKY && total > 0;
		if (buckets.size() != (bucketsExpected ? StickyBuckets.BUCKETS : 0)) {
			throw new IllegalArgumentException(mode + " with weights " + weights + " cannot have " + buckets.size()
					+ " buckets");
		}
		for (int socket : buckets) {
			if (socket < 0 || socket >= weights.size() || weights.get(socket) == 0) {
				throw new IllegalArgumentException("Bucket goes to socket " + socket + " of weights " + weights);
			}
		}
	}

	/**
	 * Decide from the workers' weights: in {@link SteeringMode#HEALTH} 1 for each worker
	 * that may take connections, in {@link SteeringMode#LOAD} its weight by load, in
	 * {@link SteeringMode#STICKY} its number of buckets, and 0 for any excluded worker.
	 * @param mode how connections are steered
	 * @param group the workers in the group, in socket order
	 * @param weights the outcome of {@link WeightPolicy#weigh}
	 * @param buckets in {@link SteeringMode#STICKY}, the buckets reassigned to
	 * {@link SteeringWeights#eligible()}; ignored otherwise
	 * @return the decision
	 */
	public static SteeringDecision of(SteeringMode mode, PortGroupOrder group, SteeringWeights weights,
			StickyBuckets buckets) {
		List<Integer> socketWeights = new ArrayList<>(group.size());
		for (long pid : group.workers()) {
			WorkerWeight weight = weights.of(pid);
			boolean eligible = weight != null && weight.eligible();
			socketWeights.add(eligible ? mode.weightOf(weight.weight(), buckets.countOf(pid)) : 0);
		}
		List<Integer> sockets = new ArrayList<>();
		if (mode == SteeringMode.STICKY && socketWeights.stream().anyMatch((weight) -> weight > 0)) {
			buckets.owners().forEach((pid) -> sockets.add(group.indexOf(pid)));
		}
		return new SteeringDecision(mode, socketWeights, sockets);
	}

	/**
	 * Return whether any socket may take new connections.
	 * @return {@code true} when some weight is positive
	 */
	public boolean anyServes() {
		return this.weights.stream().anyMatch((weight) -> weight > 0);
	}

}
