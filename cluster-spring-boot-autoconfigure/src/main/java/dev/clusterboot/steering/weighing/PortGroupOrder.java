package dev.clusterboot.steering.weighing;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The master's model of the port's SO_REUSEPORT socket array, which a steering program's
 * return value indexes: a worker that joins is appended, and when a worker leaves, the
 * last socket moves into its place, exactly as the kernel does it. Workers are keyed by
 * process id. Immutable: each change returns a new order.
 *
 * @author cluster-spring-boot-starter
 */
public final class PortGroupOrder {

	private static final PortGroupOrder EMPTY = new PortGroupOrder(List.of());

	private final List<Long> workers;

	private PortGroupOrder(List<Long> workers) {
		this.workers = List.copyOf(workers);
	}

	/**
	 * Return the order of a group that no worker has joined yet.
	 * @return the empty order
	 */
	public static PortGroupOrder empty() {
		return EMPTY;
	}

	/**
	 * Return the order after a worker's socket joined the group.
	 * @param pid the worker's process id
	 * @return the new order, with the worker last
	 * @throws IllegalStateException when the worker is in the group already
	 */
	public PortGroupOrder join(long pid) {
		if (contains(pid)) {
			throw new IllegalStateException("Worker " + pid + " is in the port's group already");
		}
		List<Long> joined = new ArrayList<>(this.workers);
		joined.add(pid);
		return new PortGroupOrder(joined);
	}

	/**
	 * Return the order after a worker's socket left the group: the last socket takes its
	 * place. A worker that is not in the group leaves the order as it is.
	 * @param pid the worker's process id
	 * @return the new order
	 */
	public PortGroupOrder leave(long pid) {
		int index = indexOf(pid);
		if (index < 0) {
			return this;
		}
		List<Long> left = new ArrayList<>(this.workers);
		Long last = left.remove(left.size() - 1);
		if (index < left.size()) {
			left.set(index, last);
		}
		return new PortGroupOrder(left);
	}

	/**
	 * Return the index of a worker's socket in the group.
	 * @param pid the worker's process id
	 * @return the index, or {@code -1} when the worker is not in the group
	 */
	public int indexOf(long pid) {
		return this.workers.indexOf(pid);
	}

	/**
	 * Return whether a worker's socket is in the group.
	 * @param pid the worker's process id
	 * @return {@code true} when it is
	 */
	public boolean contains(long pid) {
		return indexOf(pid) >= 0;
	}

	/**
	 * Return the workers in the order of their sockets.
	 * @return the process ids, the first at index 0
	 */
	public List<Long> workers() {
		return this.workers;
	}

	/**
	 * Return how many sockets the group holds.
	 * @return the size of the group
	 */
	public int size() {
		return this.workers.size();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof PortGroupOrder order) && this.workers.equals(order.workers);
	}

	@Override
	public int hashCode() {
		return this.workers.hashCode();
	}

	@Override
	public String toString() {
		return "PortGroupOrder" + this.workers;
	}

}
