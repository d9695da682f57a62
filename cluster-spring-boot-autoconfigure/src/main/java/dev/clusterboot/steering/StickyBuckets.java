package dev.clusterboot.steering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which worker serves each bucket of client addresses in {@link SteeringMode#STICKY}:
 * the program hashes a connection's source address into one of {@value #BUCKETS} buckets
 * and sends it to the bucket's worker.
 * <p>
 * Consistent hashing without a ring: each reassignment starts from the previous one,
 * so that the buckets of a worker that leaves or is excluded, and only those, go to the
 * workers with the fewest buckets, and a worker that joins or comes back takes buckets
 * one at a time from the workers with the most. Every worker ends with as many buckets
 * as any other, give or take one.
 *
 * @param owners the process id of the worker that serves each bucket, bucket 0 first;
 * empty when no worker may take connections
 * @author cluster-spring-boot-starter
 */
public record StickyBuckets(List<Long> owners) {

	/**
	 * How many buckets client addresses are hashed into: a power of two, so that the
	 * program takes the hash's top bits, and at most 256, so that the bucket lookup's
	 * jumps stay short.
	 */
	public static final int BUCKETS = 256;

	/**
	 * No assignment: no worker may take connections.
	 */
	public static final StickyBuckets NONE = new StickyBuckets(List.of());

	/**
	 * Create an assignment.
	 * @param owners the worker of each of the {@value #BUCKETS} buckets, or none at all
	 */
	public StickyBuckets {
		owners = List.copyOf(owners);
		if (!owners.isEmpty() && owners.size() != BUCKETS) {
			throw new IllegalArgumentException("An assignment has " + BUCKETS + " buckets, not " + owners.size());
		}
	}

	/**
	 * Reassign the buckets to the workers that may take connections now.
	 * @param eligible the workers that may take connections, in the group's order
	 * @return the new assignment, {@link #NONE} when no worker may take connections
	 */
	public StickyBuckets reassign(List<Long> eligible) {
		if (eligible.isEmpty()) {
			return NONE;
		}
		Map<Long, List<Integer>> buckets = new LinkedHashMap<>();
		eligible.forEach((pid) -> buckets.put(pid, new ArrayList<>()));
		List<Integer> orphans = new ArrayList<>();
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			List<Integer> owned = this.owners.isEmpty() ? orphans
					: buckets.getOrDefault(this.owners.get(bucket), orphans);
			owned.add(bucket);
		}
		for (int orphan : orphans) {
			fewest(buckets).add(orphan);
		}
		List<Integer> donor = most(buckets);
		List<Integer> receiver = fewest(buckets);
		while (donor.size() - receiver.size() > 1) {
			receiver.add(donor.remove(donor.size() - 1));
			donor = most(buckets);
			receiver = fewest(buckets);
		}
		Long[] owners = new Long[BUCKETS];
		buckets.forEach((pid, owned) -> owned.forEach((bucket) -> owners[bucket] = pid));
		return new StickyBuckets(List.of(owners));
	}

	private static List<Integer> fewest(Map<Long, List<Integer>> buckets) {
		return buckets.values().stream().min(Comparator.comparingInt(List::size)).orElseThrow();
	}

	private static List<Integer> most(Map<Long, List<Integer>> buckets) {
		return buckets.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
	}

	/**
	 * Return how many buckets a worker serves.
	 * @param pid the worker's process id
	 * @return its number of buckets
	 */
	public int countOf(long pid) {
		return (int) this.owners.stream().filter((owner) -> owner == pid).count();
	}

}
