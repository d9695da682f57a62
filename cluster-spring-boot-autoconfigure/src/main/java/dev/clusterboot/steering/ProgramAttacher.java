package dev.clusterboot.steering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.weighing.ExclusionReason;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WorkerLoad;
import dev.clusterboot.steering.weighing.WorkerWeight;

/**
 * Chooses the worker that attaches the group's next program. The program belongs to the
 * group, whichever member attaches it, so the choice only needs a worker that answers:
 * of those that may take connections, else of those that still report (draining, not
 * ready, stalled), the one whose report came last. Never an unresponsive worker, which
 * would not attach it.
 *
 * @author cluster-spring-boot-starter
 */
final class ProgramAttacher {

	private ProgramAttacher() {
	}

	/**
	 * Choose the worker.
	 * @param weights the latest weighing
	 * @param loads the workers' latest reports, by process id
	 * @return the worker's process id, or {@code null} when every worker is unresponsive
	 */
	static @Nullable Long choose(SteeringWeights weights, Map<Long, WorkerLoad> loads) {
		Long chosen = freshest(weights, loads, true);
		return (chosen != null) ? chosen : freshest(weights, loads, false);
	}

	private static @Nullable Long freshest(SteeringWeights weights, Map<Long, WorkerLoad> loads,
			boolean eligibleOnly) {
		List<WorkerLoad> candidates = new ArrayList<>();
		for (WorkerWeight weight : weights.workers()) {
			WorkerLoad load = loads.get(weight.pid());
			boolean candidate = eligibleOnly ? weight.eligible() : weight.exclusion() != ExclusionReason.UNRESPONSIVE;
			if (candidate && load != null) {
				candidates.add(load);
			}
		}
		return freshest(candidates, (load) -> true);
	}

	/**
	 * Return the worker whose report came last, of those a test accepts.
	 * @param loads the workers' latest reports
	 * @param candidate which of them may be chosen
	 * @return the worker's process id, or {@code null} when none may be chosen
	 */
	static @Nullable Long freshest(Collection<WorkerLoad> loads, Predicate<WorkerLoad> candidate) {
		WorkerLoad chosen = null;
		for (WorkerLoad load : loads) {
			if (candidate.test(load) && (chosen == null || load.lastReport().isAfter(chosen.lastReport()))) {
				chosen = load;
			}
		}
		return (chosen != null) ? chosen.pid() : null;
	}

}
