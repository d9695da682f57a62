package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.RolloutStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.properties.ClusterLimits;
import dev.clusterboot.supervision.SupervisionRules.Deadline;

/**
 * What the master does to its workers on its own or when asked, as opposed to how it
 * reacts to them ({@link Supervisor}): restarts after a backoff, deadlines, recycling and
 * the steps of a rolling restart when time passes ({@link #tick}); the stop, rolling
 * restart and scaling an operator asks for. Like the supervisor it has no thread and
 * takes the current time; its decisions come from {@link SupervisionRules}.
 *
 * @author cluster-spring-boot-starter
 */
public final class Operations {

	private static final Log logger = LogFactory.getLog(Operations.class);

	private final Supervisor supervisor;

	Operations(Supervisor supervisor) {
		this.supervisor = supervisor;
	}

	/**
	 * Start every slot's first worker.
	 * @param now the current time
	 */
	void start(Instant now) {
		for (int id = 1; id <= this.supervisor.settings.workers(); id++) {
			this.supervisor.addSlot(id, now);
		}
	}

	/**
	 * Act on whatever is due: restarts after a backoff, deadlines, the next step of a
	 * rolling restart, recycling, and a new leader when the leader no longer serves.
	 * @param now the current time
	 */
	void tick(Instant now) {
		Supervisor state = this.supervisor;
		for (WorkerSlot slot : state.slots.all()) {
			Instant restartAt = slot.nextRestartAt();
			if (slot.state() == WorkerState.BACKOFF && restartAt != null && !now.isBefore(restartAt)) {
				RestartReason reason = slot.nextRestartReason();
				state.restarts.merge(reason, 1L, Long::sum);
				slot.restarting(reason);
				state.start(slot, now);
			}
			boolean leaving = state.stopping || slot.state() == WorkerState.STOPPING;
			Stream.of(slot.current(), slot.replacement())
				.filter((run) -> run != null)
				.forEach((run) -> applyDeadline("Worker " + slot.id(), run, now, leaving));
		}
		state.slots.retiring().forEach((run) -> applyDeadline("Worker", run, now, true));
		state.standbys.liveRuns().forEach((run) -> applyDeadline("Standby worker", run, now, false));
		if (!state.stopping) {
			advanceRollout(now);
			recycleIfDue(now);
			state.standbys.replenish(now);
		}
		state.electLeader(now);
	}

	private void applyDeadline(String name, WorkerRun run, Instant now, boolean leaving) {
		MasterSettings.Timeouts timeouts = this.supervisor.settings.timeouts();
		Deadline deadline = this.supervisor.rules.passedDeadline(run, now, leaving);
		String worker = name + " (pid " + run.pid() + ")";
		if (deadline == Deadline.BOOT_TIMEOUT) {
			logger.warn(worker + " did not become ready within cluster.worker.boot-timeout="
					+ Durations.format(timeouts.boot()) + "; killing it");
			run.killing(RestartReason.BOOT_TIMEOUT);
			run.process().kill();
		}
		else if (deadline == Deadline.HANG) {
			logger.warn(worker + " sent no heartbeat for "
					+ Durations.format(Duration.between(run.lastHeartbeatAt(), now)) + " (cluster.heartbeat.timeout="
					+ Durations.format(timeouts.heartbeat()) + "); requesting a thread dump, then killing it");
			run.killing(RestartReason.HANG);
			run.process().requestThreadDump();
			run.killAt(Durations.plus(now, SupervisionRules.THREAD_DUMP_GRACE));
		}
		else if (deadline != null && run.process().isAlive()) {
			if (deadline == Deadline.STOP_TIMEOUT) {
				logger.warn(worker + " did not stop within cluster.shutdown.timeout="
						+ Durations.format(timeouts.shutdown()) + "; killing it");
			}
			run.killAt(null);
			run.process().kill();
		}
	}

	private void recycleIfDue(Instant now) {
		Supervisor state = this.supervisor;
		if (state.slots.replacementInProgress() || (state.rollout != null && state.rollout.isRunning())) {
			return;
		}
		for (WorkerSlot slot : state.slots.all()) {
			WorkerRun run = slot.current();
			RestartReason reason = (slot.state() == WorkerState.UP && run != null) ? state.rules.recycleReason(run)
					: null;
			if (run != null && reason != null) {
				logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") "
						+ ((reason == RestartReason.REQUESTS)
								? "served " + run.report().requests() + " requests (cluster.worker.max-requests)"
								: "holds " + run.report().heapAfterGcBytes() + " bytes of heap after GC, over "
										+ "cluster.worker.max-memory=" + state.settings.recycling().maxHeapAfterGcBytes())
						+ "; replacing it");
				state.replacements.start(slot, reason, now);
				return;
			}
		}
	}

	/**
	 * Start a rolling restart unless one runs or the cluster is stopping.
	 * @param now the current time
	 * @return whether a rollout started
	 */
	public boolean rollingRestart(Instant now) {
		Supervisor state = this.supervisor;
		if (state.stopping || (state.rollout != null && state.rollout.isRunning())) {
			return false;
		}
		state.rollout = new Rollout(state.slots.ids(), now, state.launches.count() + 1);
		logger.info("Rolling restart of " + state.slots.size() + " workers started");
		state.standbys.retireOlderThan(state.rollout.firstLaunch(), now);
		advanceRollout(now);
		return true;
	}

	void advanceRollout(Instant now) {
		Supervisor state = this.supervisor;
		Rollout rollout = state.rollout;
		if (rollout == null || !rollout.isRunning() || state.slots.replacementInProgress()) {
			return;
		}
		Integer next;
		while ((next = rollout.next()) != null) {
			WorkerSlot slot = state.slots.get(next);
			switch (state.rules.rolloutStep(slot, rollout.firstLaunch())) {
				case REPLACE -> {
					rollout.replacing();
					state.replacements.start(slot, RestartReason.ROLLING, now);
					return;
				}
				case UP_TO_DATE -> rollout.replaced();
				case GONE -> rollout.dropped();
				case NOT_RUNNING -> rollout.notReplaced();
				case WAIT -> {
					return;
				}
			}
		}
		RolloutStatus.State result = rollout.finish(now);
		RolloutStatus status = rollout.status();
		if (result == RolloutStatus.State.COMPLETED) {
			logger.info("Rolling restart completed: " + status.replaced() + " workers replaced");
		}
		else {
			logger.error("Rolling restart failed: " + status.failure() + "; " + status.replaced() + " of "
					+ status.total() + " workers replaced");
		}
	}

	/**
	 * Set the number of workers, within 1 and {@link ClusterLimits#MAX_WORKERS}.
	 * @param workers the number wanted
	 * @param now the current time
	 * @return why the request was refused, or {@code null} when it was applied
	 */
	public String scale(int workers, Instant now) {
		Supervisor state = this.supervisor;
		if (state.stopping) {
			logger.warn("Not scaling to " + workers + " workers: the cluster is stopping");
			return "the cluster is stopping";
		}
		if (workers < 1 || workers > ClusterLimits.MAX_WORKERS) {
			String why = "'workers' must be from 1 to " + ClusterLimits.MAX_WORKERS + " (the bounds of "
					+ "cluster.workers), not " + workers;
			logger.warn("Not scaling: " + why);
			return why;
		}
		int from = state.slots.size();
		for (int id = from + 1; id <= workers; id++) {
			state.addSlot(id, now);
		}
		for (int id = from; id > workers; id--) {
			WorkerSlot slot = state.slots.remove(id);
			state.replacements.abandon(slot, "worker " + id + " was removed by scaling down", now);
			WorkerRun run = slot.current();
			if (run != null) {
				state.retire(run, now);
			}
		}
		if (workers != from) {
			logger.info("Scaling from " + from + " to " + workers + " workers");
		}
		state.desiredWorkers = workers;
		return null;
	}

	/**
	 * Stop every worker: each leaves the port, serves what it accepted for the drain
	 * period and shuts down gracefully, and is killed if still running after the
	 * shutdown timeout. A replacement still starting is killed at once.
	 * @param now the current time
	 */
	void stop(Instant now) {
		Supervisor state = this.supervisor;
		if (state.stopping) {
			return;
		}
		state.stopping = true;
		state.standbys.retireAll(now);
		Rollout rollout = state.rollout;
		if (rollout != null && rollout.isRunning()) {
			rollout.stopped(now);
			logger.info("Rolling restart stopped: the cluster was asked to stop");
		}
		for (WorkerSlot slot : state.slots.all()) {
			state.replacements.discard(slot, now);
			WorkerRun run = slot.current();
			if (run != null) {
				run.drain(state.settings.timeouts(), now);
			}
			if (slot.isRunning()) {
				slot.stopping();
			}
			else if (slot.state() != WorkerState.FAILED) {
				slot.stopped();
			}
		}
	}

}
