package dev.clusterboot.steering.weighing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Weighs the workers in the port's group: which of them may take new connections, and
 * how many each should get by load. A plain function of the time and the workers'
 * reports, so that a test drives it on any clock.
 * <p>
 * A worker's weight by load is {@value #MAX_WEIGHT} / ((1 + requests in flight) &times;
 * (1 + {@value #SLOW_PENALTY} &times; slow requests)), rounded down and at least 1.
 * Inverse to the queue, so that the share of a busy worker falls as its queue grows and
 * the load evens out; proportional rather than "least in flight wins", so that a burst
 * between two reprogrammings spreads over the quiet workers instead of landing on the
 * single quietest one; the 1 + keeps idle workers finite and equal. A slow request (one in
 * flight for longer than {@code cluster.steering.slow-after}) weighs most: it is the one
 * that holds a lock or a thread that a new request would wait for, which is where
 * nginx's {@code least_conn} wins over a blind spread, and its worker reports it as soon
 * as it is seen rather than at the next report interval. Integers on a fixed scale, so that the same counts always give the same weights
 * and the weights never overflow the program's thresholds; small changes are then left
 * to the hysteresis of the program's replacement ({@code ProgramReplacement}).
 *
 * @author cluster-spring-boot-starter
 */
public final class WeightPolicy {

	/**
	 * The weight of an idle worker, the largest weight by load.
	 */
	public static final int MAX_WEIGHT = 1024;

	/**
	 * How much more a slow request weighs than one in flight: a worker with one slow
	 * request and nothing else gets 1/16 of an idle worker's share.
	 */
	public static final int SLOW_PENALTY = 7;

	private final Duration unresponsiveAfter;

	private final Duration stalledAfter;

	/**
	 * Create a policy.
	 * @param unresponsiveAfter how long a worker may go without a report before it gets no
	 * new connections
	 * @param stalledAfter how long a busy worker may complete nothing before it gets no new
	 * connections
	 */
	public WeightPolicy(Duration unresponsiveAfter, Duration stalledAfter) {
		this.unresponsiveAfter = unresponsiveAfter;
		this.stalledAfter = stalledAfter;
	}

	/**
	 * Weigh the workers in the group.
	 * @param now the time of this weighing
	 * @param group the workers in the group, in socket order; a standby is never in it
	 * @param loads the latest report of each worker, by process id; a worker without one is
	 * unresponsive
	 * @param previous the outcome of the previous weighing
	 * @return each worker's weight, in the group's order
	 */
	public SteeringWeights weigh(Instant now, PortGroupOrder group, Map<Long, WorkerLoad> loads,
			SteeringWeights previous) {
		List<WorkerWeight> weights = new ArrayList<>(group.size());
		for (long pid : group.workers()) {
			WorkerLoad load = loads.get(pid);
			if (load == null) {
				weights.add(new WorkerWeight(pid, 0, ExclusionReason.UNRESPONSIVE, null));
				continue;
			}
			WorkerWeight before = previous.of(pid);
			WorkerProgress progress = WorkerProgress.next((before != null) ? before.progress() : null, load, now);
			ExclusionReason exclusion = exclusion(now, load, progress);
			int weight = (exclusion != null) ? 0 : loadWeight(load.inFlight(), load.slow());
			weights.add(new WorkerWeight(pid, weight, exclusion, progress));
		}
		return new SteeringWeights(weights);
	}

	private @Nullable ExclusionReason exclusion(Instant now, WorkerLoad load, @Nullable WorkerProgress progress) {
		if (Duration.between(load.lastReport(), now).compareTo(this.unresponsiveAfter) >= 0) {
			return ExclusionReason.UNRESPONSIVE;
		}
		if (load.draining()) {
			return ExclusionReason.DRAINING;
		}
		if (!load.ready()) {
			return ExclusionReason.NOT_READY;
		}
		if (progress != null && progress.stalled(now, this.stalledAfter)) {
			return ExclusionReason.STALLED;
		}
		return null;
	}

	/**
	 * Return the weight by load of a worker that may take new connections.
	 * @param inFlight how many requests it is serving
	 * @param slow how many of those have been in flight for long
	 * @return {@value #MAX_WEIGHT} / ((1 + inFlight) &times; (1 + {@value #SLOW_PENALTY}
	 * &times; slow)), at least 1
	 */
	public static int loadWeight(int inFlight, int slow) {
		long divisor = (1L + Math.max(0, inFlight)) * (1L + (long) SLOW_PENALTY * Math.max(0, slow));
		return (int) Math.max(1, MAX_WEIGHT / divisor);
	}

}
