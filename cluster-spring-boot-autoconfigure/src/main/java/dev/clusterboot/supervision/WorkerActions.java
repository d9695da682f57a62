package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.properties.Durations;
import dev.clusterboot.steering.PortSteering;
import dev.clusterboot.steering.SteerRequest;
import dev.clusterboot.supervision.SupervisionRules.Deadline;

/**
 * Everything the master does to its worker processes, in one place: it starts a process
 * for a slot (a promoted standby when one stands by, else a launch), fills the standby
 * pool, drains, retires and kills, and sends the steering programs. What to do comes from {@link SupervisionRules},
 * {@link ReplacementRules}, {@link Standbys} and {@link Replacements}; this class only does it. Like them it has no
 * thread and takes the current time.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerActions {

	private static final Log logger = LogFactory.getLog(WorkerActions.class);

	private final MasterState state;

	private final Standbys standbys;

	private final Replacements replacements;

	WorkerActions(MasterState state, Standbys standbys, Replacements replacements) {
		this.state = state;
		this.standbys = standbys;
		this.replacements = replacements;
	}

	/**
	 * Start a process for a slot: promote the oldest standby that may be promoted, else
	 * launch one.
	 * @param slot the slot id
	 * @param what what the process is, for the log: {@code worker 2}
	 * @param now the current time
	 * @return the run, or {@code null} when no process could be started
	 */
	@Nullable WorkerRun startFor(int slot, String what, Instant now) {
		WorkerRun standby;
		while ((standby = this.standbys.takePromotable()) != null) {
			if (standby.join(slot, now)) {
				this.standbys.promoted();
				logger.info("Promoting standby (pid " + standby.pid() + ") to worker " + slot);
				return standby;
			}
			this.standbys.leaving(standby);
			retire(standby, now);
		}
		return this.state.launches().launch(slot, what, now);
	}

	/**
	 * Start a replacement for a slot's serving worker.
	 * @param slot the slot
	 * @param reason why it is replaced
	 * @param now the current time
	 */
	void startReplacement(WorkerSlot slot, RestartReason reason, Instant now) {
		WorkerRun run = startFor(slot.id(), "a replacement for worker " + slot.id() + " (" + reason.tagValue() + ")",
				now);
		if (run == null) {
			this.replacements.failed(slot, "could not start a replacement for worker " + slot.id(), now);
			return;
		}
		slot.replacing(run, reason);
	}

	/**
	 * Launch the standbys the pool decides are missing.
	 * @param now the current time
	 */
	void replenishStandbys(Instant now) {
		int missing = this.standbys.toLaunch(now);
		for (int i = 0; i < missing; i++) {
			WorkerRun run = this.state.launches().launchStandby(now);
			if (run == null) {
				this.standbys.failedStart(now);
				return;
			}
			this.standbys.launched(run);
		}
	}

	/**
	 * Retire every standby launched before a launch number.
	 * @param firstLaunch the first launch number that may stay; {@link Long#MAX_VALUE}
	 * for every standby
	 * @param now the current time
	 */
	void retireStandbys(long firstLaunch, Instant now) {
		this.standbys.takeOlderThan(firstLaunch).forEach((run) -> retire(run, now));
	}

	/**
	 * Drain a run that has left its slot, and wait for its exit among the retiring runs.
	 * @param run the run
	 * @param now the current time
	 */
	void retire(WorkerRun run, Instant now) {
		this.state.slots().retiring().add(run);
		drain(run, now);
	}

	/**
	 * Ask a run to drain and stop, with the configured drain period and shutdown timeout;
	 * while the master steers, it first attaches a program that gives it no new
	 * connections.
	 * @param run the run
	 * @param now the current time
	 */
	void drain(WorkerRun run, Instant now) {
		PortSteering steering = this.state.steering();
		steering.draining(run.pid());
		run.drain(this.state.settings().timeouts(), steering.programExcluding(run.pid()), now);
	}

	/**
	 * Send the port's group a new steering program, when steering asks for one, through
	 * the worker it chose.
	 * @param now the current time
	 */
	void steer(Instant now) {
		SteerRequest request = this.state.steering().tick(now);
		if (request == null) {
			return;
		}
		WorkerRun run = this.state.slots().runOf(request.pid());
		if (run == null || !run.steer(request.words())) {
			logger.debug("Could not send a steering program to worker (pid " + request.pid() + ")");
		}
	}

	/**
	 * Kill a slot's replacement, if it has one, and say why it failed.
	 * @param slot the slot
	 * @param why why it is abandoned
	 * @param now the current time
	 */
	void abandonReplacement(WorkerSlot slot, String why, Instant now) {
		if (discardReplacement(slot, now)) {
			this.replacements.failed(slot, why, now);
		}
	}

	/**
	 * Kill the replacement a slot is starting, if any.
	 * @param slot the slot
	 * @param now the current time
	 * @return whether there was one
	 */
	boolean discardReplacement(WorkerSlot slot, Instant now) {
		WorkerRun replacement = slot.replacement();
		if (replacement == null) {
			return false;
		}
		slot.replacementEnded(WorkerExit.of(replacement.pid(), 137, now, ExitReason.STOPPED));
		this.state.slots().retiring().add(replacement);
		replacement.process().kill();
		return true;
	}

	/**
	 * Kill a run that passed a deadline, or ask a hung one for a thread dump first.
	 * @param name how the log names the run: {@code Worker 2}
	 * @param run the run
	 * @param now the current time
	 * @param leaving whether the run is being stopped anyway
	 */
	void applyDeadline(String name, WorkerRun run, Instant now, boolean leaving) {
		MasterSettings.Timeouts timeouts = this.state.settings().timeouts();
		Deadline deadline = this.state.rules().passedDeadline(run, now, leaving);
		String worker = name + " (pid " + run.pid() + ")";
		if (deadline == Deadline.BOOT_TIMEOUT) {
			logger.warn(worker + " did not become ready within cluster.worker.boot-timeout="
					+ Durations.format(timeouts.boot()) + "; killing it");
			run.killing(RestartReason.BOOT_TIMEOUT);
			run.process().kill();
		}
		else if (deadline == Deadline.HANG) {
			logger.warn(worker + " sent no heartbeat for "
					+ Durations.format(Duration.between(run.timeline().lastHeartbeatAt(), now))
					+ " (cluster.heartbeat.timeout=" + Durations.format(timeouts.heartbeat())
					+ "); requesting a thread dump, then killing it");
			run.killing(RestartReason.HANG);
			run.process().requestThreadDump();
			run.timeline().killAt(Durations.plus(now, SupervisionRules.THREAD_DUMP_GRACE));
		}
		else if (deadline != null && run.process().isAlive()) {
			if (deadline == Deadline.STOP_TIMEOUT) {
				logger.warn(worker + " did not stop within cluster.shutdown.timeout="
						+ Durations.format(timeouts.shutdown()) + "; killing it");
			}
			run.timeline().killAt(null);
			run.process().kill();
		}
	}

}
