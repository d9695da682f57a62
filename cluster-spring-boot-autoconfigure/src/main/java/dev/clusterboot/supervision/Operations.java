package dev.clusterboot.supervision;

import java.time.Instant;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.RolloutStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.properties.ClusterLimits;

/**
 * What the master does to its workers on its own or when asked, as opposed to how it
 * reacts to them ({@link Supervisor}): when time passes ({@link #tick}), the restarts
 * whose backoff is due ({@link Restarts}), deadlines, recycling and the steps of a rolling
 * restart; the stop, rolling restart and scaling an operator asks for. Like the
 * supervisor it has no thread and takes the current time; its decisions come from
 * {@link ReplacementRules} and {@link WorkerActions} carries them out.
 *
 * @author cluster-spring-boot-starter
 */
public final class Operations {

	private static final Log logger = LogFactory.getLog(Operations.class);

	private final MasterState state;

	private final Standbys standbys;

	private final WorkerActions actions;

	private final Restarts restarts;

	Operations(MasterState state, Standbys standbys, WorkerActions actions, Restarts restarts) {
		this.state = state;
		this.standbys = standbys;
		this.actions = actions;
		this.restarts = restarts;
	}

	/**
	 * Start every slot's first worker.
	 * @param now the current time
	 */
	void start(Instant now) {
		for (int id = 1; id <= this.state.settings().workers(); id++) {
			this.restarts.addSlot(id, now);
		}
	}

	/**
	 * Act on whatever is due: restarts after a backoff, deadlines, the next step of a
	 * rolling restart, recycling, a new leader when the leader no longer serves, and a new
	 * steering program when the port's group needs one.
	 * @param now the current time
	 */
	void tick(Instant now) {
		for (WorkerSlot slot : this.state.slots().all()) {
			this.restarts.restartIfDue(slot, now);
			boolean leaving = this.state.isStopping() || slot.state() == WorkerState.STOPPING;
			Stream.of(slot.current(), slot.replacement())
				.filter((run) -> run != null)
				.forEach((run) -> this.actions.applyDeadline("Worker " + slot.id(), run, now, leaving));
		}
		this.state.slots().retiring().forEach((run) -> this.actions.applyDeadline("Worker", run, now, true));
		this.standbys.liveRuns().forEach((run) -> this.actions.applyDeadline("Standby worker", run, now, false));
		if (!this.state.isStopping()) {
			advanceRollout(now);
			recycleIfDue(now);
			this.actions.replenishStandbys(now);
		}
		Leadership leadership = this.state.leadership();
		leadership.elect(Leadership.candidates(leadership.leader(), this.state.slots().all(), this.state.isStopping()),
				this.state.slots(), now);
		this.actions.steer(now);
	}

	private void recycleIfDue(Instant now) {
		if (this.state.slots().replacementInProgress() || this.state.runningRollout() != null) {
			return;
		}
		for (WorkerSlot slot : this.state.slots().all()) {
			WorkerRun run = slot.current();
			RestartReason reason = (slot.state() == WorkerState.UP && run != null)
					? this.state.replacementRules().recycleReason(run) : null;
			if (run != null && reason != null) {
				logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") "
						+ ((reason == RestartReason.REQUESTS)
								? "served " + run.report().requests() + " requests (cluster.worker.max-requests)"
								: "holds " + run.report().heapAfterGcBytes() + " bytes of heap after GC, over "
										+ "cluster.worker.max-memory="
										+ this.state.settings().recycling().maxHeapAfterGcBytes())
						+ "; replacing it");
				this.actions.startReplacement(slot, reason, now);
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
		if (this.state.isStopping() || this.state.runningRollout() != null) {
			return false;
		}
		Rollout rollout = new Rollout(this.state.slots().ids(), now, this.state.launches().count() + 1);
		this.state.rollout(rollout);
		logger.info("Rolling restart of " + this.state.slots().size() + " workers started");
		this.actions.retireStandbys(rollout.firstLaunch(), now);
		advanceRollout(now);
		return true;
	}

	private void advanceRollout(Instant now) {
		Rollout rollout = this.state.runningRollout();
		if (rollout == null || this.state.slots().replacementInProgress()) {
			return;
		}
		Integer next;
		while ((next = rollout.next()) != null) {
			WorkerSlot slot = this.state.slots().get(next);
			switch (this.state.replacementRules().rolloutStep(slot, rollout.firstLaunch())) {
				case REPLACE -> {
					rollout.replacing();
					this.actions.startReplacement(slot, RestartReason.ROLLING, now);
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
		if (this.state.isStopping()) {
			logger.warn("Not scaling to " + workers + " workers: the cluster is stopping");
			return "the cluster is stopping";
		}
		if (workers < 1 || workers > ClusterLimits.MAX_WORKERS) {
			String why = "'workers' must be from 1 to " + ClusterLimits.MAX_WORKERS + " (the bounds of "
					+ "cluster.workers), not " + workers;
			logger.warn("Not scaling: " + why);
			return why;
		}
		int from = this.state.slots().size();
		for (int id = from + 1; id <= workers; id++) {
			this.restarts.addSlot(id, now);
		}
		for (int id = from; id > workers; id--) {
			WorkerSlot slot = this.state.slots().remove(id);
			this.actions.abandonReplacement(slot, "worker " + id + " was removed by scaling down", now);
			WorkerRun run = slot.current();
			if (run != null) {
				this.actions.retire(run, now);
			}
		}
		if (workers != from) {
			logger.info("Scaling from " + from + " to " + workers + " workers");
		}
		this.state.desiredWorkers(workers);
		return null;
	}

	/**
	 * Stop every worker: each leaves the port, serves what it accepted for the drain
	 * period and shuts down gracefully, and is killed if still running after the
	 * shutdown timeout. A replacement still starting is killed at once.
	 * @param now the current time
	 */
	void stop(Instant now) {
		if (this.state.isStopping()) {
			return;
		}
		this.state.stopping();
		this.actions.retireStandbys(Long.MAX_VALUE, now);
		Rollout rollout = this.state.runningRollout();
		if (rollout != null) {
			rollout.stopped(now);
			logger.info("Rolling restart stopped: the cluster was asked to stop");
		}
		for (WorkerSlot slot : this.state.slots().all()) {
			this.actions.discardReplacement(slot, now);
			WorkerRun run = slot.current();
			if (run != null) {
				this.actions.drain(run, now);
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
