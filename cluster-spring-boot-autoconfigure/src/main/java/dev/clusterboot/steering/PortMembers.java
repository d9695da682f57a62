package dev.clusterboot.steering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.WorkerLoad;

/**
 * The workers in the port's group as the master learns of them: the order of their
 * sockets, and each one's latest load. Joins are ordered by when the worker's socket
 * joined, on the host's monotonic clock, rather than by when its report arrived, so that
 * two reports that cross still give the kernel's order. A report that arrives after a
 * later join reorders only the sockets appended since, which is exact unless a worker
 * left in between.
 * <p>
 * A join counts as a first report, so that a worker takes connections from its join
 * until its reports stop. Only the master's loop touches it.
 *
 * @author cluster-spring-boot-starter
 */
final class PortMembers {

	private final Map<Long, Long> joinedAt = new HashMap<>();

	private final Map<Long, WorkerLoad> loads = new HashMap<>();

	private final Set<Long> draining = new HashSet<>();

	private PortGroupOrder order = PortGroupOrder.empty();

	/**
	 * A worker's socket joined the group.
	 * @param pid the worker's process id
	 * @param joinedAtNanos when it joined, {@link System#nanoTime()} on the worker
	 * @param now when the report arrived
	 */
	void joined(long pid, long joinedAtNanos, Instant now) {
		if (this.order.contains(pid)) {
			return;
		}
		List<Long> later = new ArrayList<>();
		List<Long> workers = this.order.workers();
		for (int i = workers.size() - 1; i >= 0 && this.joinedAt.get(workers.get(i)) - joinedAtNanos > 0; i--) {
			later.add(0, workers.get(i));
		}
		PortGroupOrder reordered = this.order;
		for (int i = later.size() - 1; i >= 0; i--) {
			reordered = reordered.leave(later.get(i));
		}
		reordered = reordered.join(pid);
		for (long rejoined : later) {
			reordered = reordered.join(rejoined);
		}
		this.order = reordered;
		this.joinedAt.put(pid, joinedAtNanos);
		this.loads.put(pid, new WorkerLoad(pid, now, true, this.draining.contains(pid), 0, 0, 0, null));
	}

	/**
	 * A worker's socket left the group, or its process exited.
	 * @param pid the worker's process id
	 */
	void left(long pid) {
		this.order = this.order.leave(pid);
		this.joinedAt.remove(pid);
		this.loads.remove(pid);
		this.draining.remove(pid);
	}

	/**
	 * A worker in the group reported its load.
	 * @param pid the worker's process id
	 * @param load what it reported
	 * @param now when the report arrived
	 */
	void load(long pid, SteeringMessage.Load load, Instant now) {
		WorkerLoad previous = this.loads.get(pid);
		if (previous == null) {
			return;
		}
		long completed = Math.max(0, load.completed());
		Instant lastCompletion = (completed > previous.completed()) ? now : previous.lastCompletion();
		int inFlight = Math.max(0, load.inFlight());
		this.loads.put(pid, new WorkerLoad(pid, now, load.ready(), this.draining.contains(pid), inFlight,
				Math.min(inFlight, Math.max(0, load.slow())), completed, lastCompletion));
	}

	/**
	 * A worker is about to leave the group: it takes nothing new from now on.
	 * @param pid the worker's process id
	 */
	void draining(long pid) {
		this.draining.add(pid);
		WorkerLoad load = this.loads.get(pid);
		if (load != null) {
			this.loads.put(pid, new WorkerLoad(pid, load.lastReport(), load.ready(), true, load.inFlight(),
					load.slow(), load.completed(), load.lastCompletion()));
		}
	}

	PortGroupOrder order() {
		return this.order;
	}

	Map<Long, WorkerLoad> loads() {
		return Collections.unmodifiableMap(this.loads);
	}

	@Nullable WorkerLoad load(long pid) {
		return this.loads.get(pid);
	}

}
