package dev.clusterboot.supervision;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerState;

/**
 * When the master replaces a serving worker and with what, as plain functions of the
 * workers' state and the time: {@link Operations} and {@link WorkerActions} apply what
 * these decide; nothing here has a side effect. Why a worker is restarted or killed
 * instead is in {@link SupervisionRules}.
 * <ul>
 * <li><b>Recycling.</b> A serving worker that reached its request limit or holds more heap
 * after a collection than {@code cluster.worker.max-memory} is replaced, one at a time,
 * never during a rolling restart.</li>
 * <li><b>Standbys.</b> The master keeps {@code cluster.standby-workers} standbys, launched
 * only while no slot is booting. A slot that needs a process (after an exit, for a
 * replacement, when added) takes a standby that stands by instead of launching one,
 * without waiting for the restart backoff, unless the exit gives the slot up; a standby
 * launched before the last rolling restart began is never promoted. A standby that exits
 * before it stood by is a failed start of the pool: relaunched after a backoff, and no
 * longer after {@code max-failed-starts} in a row.</li>
 * <li><b>Rolling restarts.</b> Every slot is replaced once, in order, by a process started
 * after the rollout began; a slot that is starting or backing off is waited for, and one
 * that already runs a process started after the rollout began counts as replaced once it
 * is up. A failed slot cannot be replaced, and the rollout fails naming it.</li>
 * </ul>
 *
 * @author cluster-spring-boot-starter
 */
final class ReplacementRules {

	private final MasterSettings settings;

	ReplacementRules(MasterSettings settings) {
		this.settings = settings;
	}

	/**
	 * Return why a serving worker should be recycled, if it should.
	 * @param run the slot's serving run, which is up
	 * @return {@link RestartReason#REQUESTS}, {@link RestartReason#MEMORY}, or {@code null}
	 */
	@Nullable RestartReason recycleReason(WorkerRun run) {
		if (run.reachedRequestLimit()) {
			return RestartReason.REQUESTS;
		}
		long maxHeap = this.settings.recycling().maxHeapAfterGcBytes();
		Long heap = run.report().heapAfterGcBytes();
		return (maxHeap > 0 && heap != null && heap > maxHeap) ? RestartReason.MEMORY : null;
	}

	/**
	 * Decide what a rolling restart does with the next slot in its order.
	 * @param slot the slot, or {@code null} when scaling removed it
	 * @param firstLaunch the number of the master's first launch after the rollout began
	 * @return the step
	 */
	RolloutStep rolloutStep(@Nullable WorkerSlot slot, long firstLaunch) {
		if (slot == null) {
			return RolloutStep.GONE;
		}
		if (slot.state() == WorkerState.FAILED || slot.state() == WorkerState.STOPPED) {
			return RolloutStep.NOT_RUNNING;
		}
		WorkerRun run = slot.current();
		if (run != null && run.launch() >= firstLaunch) {
			return (slot.state() == WorkerState.UP) ? RolloutStep.UP_TO_DATE : RolloutStep.WAIT;
		}
		return (slot.state() == WorkerState.UP) ? RolloutStep.REPLACE : RolloutStep.WAIT;
	}

	/**
	 * Return how many standbys to launch now: the missing ones, but only while no slot's
	 * worker is starting and no replacement runs, so that a standby's boot never competes
	 * with a boot the cluster waits for, and only once a backoff after a failed standby
	 * start is over.
	 * @param desired {@code cluster.standby-workers}
	 * @param live the standbys running now, retiring ones not counted
	 * @param slotBooting whether a slot's worker or replacement is starting
	 * @param nextLaunchAt when the backoff after a failed standby start ends, or
	 * {@code null}
	 * @param now the current time
	 * @return how many to launch, 0 or more
	 */
	int standbysToLaunch(int desired, int live, boolean slotBooting, @Nullable Instant nextLaunchAt, Instant now) {
		if (slotBooting || (nextLaunchAt != null && now.isBefore(nextLaunchAt))) {
			return 0;
		}
		return Math.max(0, desired - live);
	}

	/**
	 * Return whether a standby may be promoted: it stands by, and it was launched no
	 * earlier than the last rolling restart began, so that it runs the code the cluster
	 * was last asked to run.
	 * @param standby the standby
	 * @param firstLaunchOfLastRollout the first launch number of the last rolling restart,
	 * or 0 when none ran
	 * @return whether it may serve a slot
	 */
	boolean mayPromote(WorkerRun standby, long firstLaunchOfLastRollout) {
		return standby.timeline().isStandingBy() && standby.launch() >= firstLaunchOfLastRollout
				&& standby.process().isAlive();
	}

	/**
	 * What a rolling restart does with the next slot in its order.
	 */
	enum RolloutStep {

		/**
		 * Up and started before the rollout: replace it now.
		 */
		REPLACE,

		/**
		 * Up, with a process started after the rollout began, so it already runs what
		 * the rollout was asked to run: count it as replaced.
		 */
		UP_TO_DATE,

		/**
		 * Starting or backing off: wait for it.
		 */
		WAIT,

		/**
		 * Failed: it cannot be replaced, and the rollout will say so.
		 */
		NOT_RUNNING,

		/**
		 * Removed by scaling down: nothing left to replace.
		 */
		GONE

	}

}
