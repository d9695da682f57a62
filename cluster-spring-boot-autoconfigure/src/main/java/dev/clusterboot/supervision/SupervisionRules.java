package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerState;

/**
 * Every reason the master starts, replaces, kills or leaves alone a worker, as plain
 * functions of the worker's state and the time. The {@link Supervisor} applies what these
 * decide; nothing here has a side effect.
 * <ul>
 * <li><b>After an exit.</b> An exit the master asked for ends the run. A worker that stops
 * with {@value WorkerExit#CONFIGURATION_ERROR} before it was ready is not restarted:
 * starting it again cannot help. Any other exit is restarted after a backoff: a start
 * <em>fails</em> when the worker exits before it has been ready for
 * {@code cluster.restart.stable-after} (PM2's {@code min_uptime}); each failed start in
 * a row multiplies the delay by {@code cluster.restart.multiplier}, from
 * {@code initial-backoff} up to {@code max-backoff}; after {@code max-failed-starts} in a
 * row the slot is given up.</li>
 * <li><b>Deadlines.</b> A worker not ready within {@code cluster.worker.boot-timeout} is
 * killed; a ready worker silent for {@code cluster.heartbeat.timeout} is hung: it is
 * asked for a thread dump and killed shortly after; a worker past its stop deadline is
 * killed.</li>
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
 * <li><b>Leadership.</b> Only a serving worker can lead: a slot's current process that is
 * up, connected, and neither killed (hung, past a deadline) nor draining, and only while
 * the cluster is not stopping. The leader keeps leading while it serves; otherwise the
 * serving worker of the lowest slot id leads.</li>
 * </ul>
 *
 * @author cluster-spring-boot-starter
 */
final class SupervisionRules {

	/**
	 * How long a hung worker gets to print its thread dump before it is killed.
	 */
	static final Duration THREAD_DUMP_GRACE = Duration.ofSeconds(2);

	private final MasterSettings settings;

	SupervisionRules(MasterSettings settings) {
		this.settings = settings;
	}

	MasterSettings settings() {
		return this.settings;
	}

	/**
	 * Decide what follows the exit of a slot's serving worker.
	 * @param run the run that exited
	 * @param exitCode its exit code
	 * @param asked whether the master had asked it to stop
	 * @param failedStartsBefore the slot's failed starts in a row before this run
	 * @param now when it exited
	 * @return the decision
	 */
	AfterExit afterExit(WorkerRun run, int exitCode, boolean asked, int failedStartsBefore, Instant now) {
		if (asked) {
			return new AfterExit.Stopped();
		}
		if (exitCode == WorkerExit.CONFIGURATION_ERROR && !run.isReady()) {
			return new AfterExit.NotRestarted(failedStartsBefore + 1);
		}
		Instant readyAt = run.readyAt();
		Duration stableAfter = this.settings.restart().stableAfter();
		boolean stable = readyAt != null && !Duration.between(readyAt, now).minus(stableAfter).isNegative();
		int failedStarts = stable ? 0 : failedStartsBefore + 1;
		if (failedStarts >= this.settings.restart().maxFailedStarts()) {
			return new AfterExit.GiveUp(failedStarts);
		}
		return new AfterExit.Restart(backoff(failedStarts), failedStarts);
	}

	/**
	 * Return the delay before restarting a slot after a number of failed starts in a row.
	 * @param failedStarts failed starts in a row, 0 after a stable run
	 * @return the delay, never more than {@code cluster.restart.max-backoff}
	 */
	Duration backoff(int failedStarts) {
		MasterSettings.Restart restart = this.settings.restart();
		double factor = Math.pow(restart.multiplier(), Math.max(0, failedStarts - 1));
		double millis = Math.min(millis(restart.initialBackoff()) * factor, millis(restart.maxBackoff()));
		return Duration.ofMillis((long) millis);
	}

	/**
	 * Return the deadline a run has passed, if any.
	 * @param run the run
	 * @param now the current time
	 * @param leaving whether the run is being stopped anyway, when only its stop deadline
	 * applies
	 * @return the deadline passed, or {@code null}
	 */
	@Nullable Deadline passedDeadline(WorkerRun run, Instant now, boolean leaving) {
		Instant killAt = run.killAt();
		if (killAt != null && !now.isBefore(killAt)) {
			return (run.killReason() == RestartReason.HANG) ? Deadline.HANG_DUMPED : Deadline.STOP_TIMEOUT;
		}
		if (run.killReason() != null || leaving) {
			return null;
		}
		Instant lastHeartbeat = run.lastHeartbeatAt();
		if (run.awaitsReady() && now.isAfter(Durations.plus(run.bootStartedAt(), this.settings.timeouts().boot()))) {
			return Deadline.BOOT_TIMEOUT;
		}
		boolean live = run.isReady() || run.standingByAt() != null;
		if (live && lastHeartbeat != null
				&& now.isAfter(Durations.plus(lastHeartbeat, this.settings.timeouts().heartbeat()))) {
			return Deadline.HANG;
		}
		return null;
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
	 * Return the workers that may lead, in the order the master offers them leadership:
	 * the current leader first while it still serves, then every other serving worker by
	 * slot id. A slot's replacement, a draining or killed process and every process of a
	 * stopping cluster cannot lead.
	 * @param leader the current leader, or {@code null}
	 * @param slots every slot, ordered by id
	 * @param stopping whether the cluster is stopping
	 * @return the candidates, empty when no worker may lead
	 */
	List<WorkerRun> leaderCandidates(@Nullable WorkerRun leader, Collection<WorkerSlot> slots, boolean stopping) {
		List<WorkerRun> candidates = new ArrayList<>();
		if (stopping) {
			return candidates;
		}
		for (WorkerSlot slot : slots) {
			WorkerRun run = slot.current();
			if (slot.state() == WorkerState.UP && run != null && run.killReason() == null && run.killAt() == null
					&& run.channel() != null) {
				candidates.add((run == leader) ? 0 : candidates.size(), run);
			}
		}
		return candidates;
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
		return standby.isStandingBy() && standby.launch() >= firstLaunchOfLastRollout
				&& standby.process().isAlive();
	}

	private static double millis(Duration duration) {
		return duration.getSeconds() * 1000.0 + duration.getNano() / 1_000_000.0;
	}

	/**
	 * What follows the exit of a slot's serving worker.
	 */
	sealed interface AfterExit {

		/**
		 * The master asked for the exit: the slot is stopped.
		 */
		record Stopped() implements AfterExit {
		}

		/**
		 * The worker cannot run as configured: the slot is failed at once.
		 *
		 * @param failedStarts failed starts in a row, counting this exit
		 */
		record NotRestarted(int failedStarts) implements AfterExit {
		}

		/**
		 * Restart the slot after a delay.
		 *
		 * @param delay how long to wait first
		 * @param failedStarts failed starts in a row, counting this exit
		 */
		record Restart(Duration delay, int failedStarts) implements AfterExit {
		}

		/**
		 * Too many failed starts in a row: stop restarting the slot.
		 *
		 * @param failedStarts failed starts in a row, counting this exit
		 */
		record GiveUp(int failedStarts) implements AfterExit {
		}

	}

	/**
	 * A deadline a worker run has passed.
	 */
	enum Deadline {

		/**
		 * Not ready within {@code cluster.worker.boot-timeout}: kill it.
		 */
		BOOT_TIMEOUT,

		/**
		 * Silent for {@code cluster.heartbeat.timeout}: ask for a thread dump, then kill it.
		 */
		HANG,

		/**
		 * Hung, and its thread dump has had time to print: kill it.
		 */
		HANG_DUMPED,

		/**
		 * Asked to stop and still running at its stop deadline: kill it.
		 */
		STOP_TIMEOUT

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
