package dev.clusterboot.supervision;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.properties.Durations;
import dev.clusterboot.supervision.SupervisionRules.AfterExit;

/**
 * What follows the exit of a slot's serving worker, from the exit to the restart: the
 * decision of {@link SupervisionRules#afterExit}, applied. The slot is stopped, backs off
 * and is {@link #restartIfDue restarted when its backoff is due}, takes a standby at once,
 * or is given up. A slot's first process starts here too.
 *
 * @author cluster-spring-boot-starter
 */
final class Restarts {

	private static final Log logger = LogFactory.getLog(Restarts.class);

	private final MasterState state;

	private final Standbys standbys;

	private final WorkerActions actions;

	Restarts(MasterState state, Standbys standbys, WorkerActions actions) {
		this.state = state;
		this.standbys = standbys;
		this.actions = actions;
	}

	/**
	 * Add a slot and start its first process.
	 * @param id the slot id
	 * @param now the current time
	 */
	void addSlot(int id, Instant now) {
		WorkerSlot slot = new WorkerSlot(id);
		this.state.slots().add(slot);
		start(slot, now);
	}

	/**
	 * Handle the exit of a slot's serving worker.
	 * @param slot the slot
	 * @param run the run that exited
	 * @param code its exit code
	 * @param now when it exited
	 */
	void exited(WorkerSlot slot, WorkerRun run, int code, Instant now) {
		boolean stopping = this.state.isStopping();
		boolean asked = stopping || slot.state() == WorkerState.STOPPING;
		AfterExit decision = this.state.rules().afterExit(run, code, asked, slot.failedStarts(), now);
		WorkerExit exit = WorkerExit.of(run.pid(), code, now, asked ? ExitReason.STOPPED : run.exitReason(code));
		slot.exited(exit);
		if (decision instanceof AfterExit.Stopped) {
			slot.stopped();
			logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") stopped with " + exit.describe());
			return;
		}
		this.actions.abandonReplacement(slot, "worker " + slot.id() + " exited while it was being replaced", now);
		RestartReason reason = (run.killReason() != null) ? run.killReason() : RestartReason.CRASH;
		if (decision instanceof AfterExit.Restart restart && !stopping && this.standbys.hasPromotable()) {
			slot.backoff(now, restart.failedStarts(), reason);
			logger.warn("Worker " + slot.id() + " (pid " + run.pid() + ") exited unexpectedly with " + exit.describe()
					+ " (" + reason.tagValue() + "); a standby takes its place");
			restart(slot, reason, now);
			return;
		}
		if (decision instanceof AfterExit.Restart restart) {
			slot.backoff(Durations.plus(now, restart.delay()), restart.failedStarts(), reason);
			logger.warn("Worker " + slot.id() + " (pid " + run.pid() + ") exited unexpectedly with " + exit.describe()
					+ " (" + reason.tagValue() + ")" + (run.isReady() ? "" : " before it was ready")
					+ "; restarting it in " + Durations.format(restart.delay()));
			return;
		}
		if (decision instanceof AfterExit.NotRestarted notRestarted) {
			slot.failed(notRestarted.failedStarts());
			logger.error("Worker " + slot.id() + " (pid " + run.pid() + ") stopped with a configuration error ("
					+ exit.describe() + ") before it was ready; starting it again cannot help, so it is not "
					+ "restarted. Fix the cause shown in its output above.");
		}
		else if (decision instanceof AfterExit.GiveUp giveUp) {
			MasterSettings.Restart settings = this.state.settings().restart();
			slot.failed(giveUp.failedStarts());
			logger.error("Worker " + slot.id() + " failed to start " + giveUp.failedStarts() + " times in a row "
					+ "(each time it exited before staying up for cluster.restart.stable-after="
					+ Durations.format(settings.stableAfter()) + "), last with " + exit.describe()
					+ "; no longer restarting it. Fix the cause shown in its output above, or raise "
					+ "cluster.restart.max-failed-starts (now " + settings.maxFailedStarts() + ").");
		}
		this.state.stopIfEverySlotFailed();
	}

	/**
	 * Restart a slot that is backing off, once its backoff is due.
	 * @param slot the slot
	 * @param now the current time
	 */
	void restartIfDue(WorkerSlot slot, Instant now) {
		Instant restartAt = slot.nextRestartAt();
		if (slot.state() == WorkerState.BACKOFF && restartAt != null && !now.isBefore(restartAt)) {
			restart(slot, slot.nextRestartReason(), now);
		}
	}

	private void restart(WorkerSlot slot, RestartReason reason, Instant now) {
		this.state.countRestart(reason);
		slot.restarting(reason);
		start(slot, now);
	}

	private void start(WorkerSlot slot, Instant now) {
		WorkerRun run = this.actions.startFor(slot.id(), "worker " + slot.id(), now);
		if (run == null) {
			slot.failed(slot.failedStarts() + 1);
			this.state.stopIfEverySlotFailed();
			return;
		}
		slot.started(run);
	}

}
