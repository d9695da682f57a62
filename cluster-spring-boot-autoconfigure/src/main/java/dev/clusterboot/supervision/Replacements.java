package dev.clusterboot.supervision;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;

/**
 * How a serving worker is replaced: its replacement (a promoted standby when one stands
 * by, else a new process) starts beside it, takes its slot once
 * ready, and only then is the old worker drained. A replacement that cannot start, exits
 * or is abandoned before it is ready leaves the old worker serving and stops a rolling
 * restart that asked for it.
 *
 * @author cluster-spring-boot-starter
 */
final class Replacements {

	private static final Log logger = LogFactory.getLog(Replacements.class);

	private final Supervisor supervisor;

	Replacements(Supervisor supervisor) {
		this.supervisor = supervisor;
	}

	/**
	 * Start a replacement for a slot's serving worker.
	 * @param slot the slot
	 * @param reason why it is replaced
	 * @param now the current time
	 */
	void start(WorkerSlot slot, RestartReason reason, Instant now) {
		WorkerRun standby = this.supervisor.standbys.promote(slot.id(), now);
		if (standby != null) {
			slot.replacing(standby, reason);
			return;
		}
		WorkerRun run = this.supervisor.launches.launch(slot.id(),
				"a replacement for worker " + slot.id() + " (" + reason.tagValue() + ")", now);
		if (run == null) {
			failed(slot, "could not start a replacement for worker " + slot.id(), now);
			return;
		}
		slot.replacing(run, reason);
	}

	/**
	 * Make a slot's ready replacement its serving worker, drain the worker it replaced,
	 * and count the replacement.
	 * @param slot the slot
	 * @param after how long the replacement took, for the log
	 * @param now the current time
	 */
	void promote(WorkerSlot slot, String after, Instant now) {
		RestartReason reason = slot.replacementReason();
		WorkerRun old = slot.promoteReplacement();
		WorkerRun run = slot.current();
		this.supervisor.restarts.merge(reason, 1L, Long::sum);
		logger.info("Worker " + slot.id() + " replaced (" + reason.tagValue() + "): pid " + run.pid() + " is up"
				+ after + ((old != null) ? "; draining pid " + old.pid() : ""));
		if (old != null) {
			this.supervisor.retire(old, now);
		}
		Rollout current = this.supervisor.rollout;
		if (current != null && current.isRunning() && Integer.valueOf(slot.id()).equals(current.current())) {
			current.replaced();
		}
	}

	/**
	 * Say that a replacement failed, and stop the rolling restart it was part of.
	 * @param slot the slot, whose old worker keeps serving
	 * @param why what went wrong
	 * @param now the current time
	 */
	void failed(WorkerSlot slot, String why, Instant now) {
		Rollout current = this.supervisor.rollout;
		if (current != null && current.isRunning()) {
			current.failed(why, now);
			logger.error("Rolling restart stopped: " + why + ". Worker " + slot.id()
					+ " and the workers not yet replaced keep serving.");
		}
		else {
			logger.error("Replacing worker " + slot.id() + " failed: " + why + ". The worker keeps serving.");
		}
	}

	/**
	 * Kill a slot's replacement, if it has one, and say why it failed.
	 */
	void abandon(WorkerSlot slot, String why, Instant now) {
		if (discard(slot, now)) {
			failed(slot, why, now);
		}
	}

	/**
	 * Kill the replacement a slot is starting, if any.
	 * @return whether there was one
	 */
	boolean discard(WorkerSlot slot, Instant now) {
		WorkerRun replacement = slot.replacement();
		if (replacement == null) {
			return false;
		}
		slot.replacementEnded(WorkerExit.of(replacement.pid(), 137, now, ExitReason.STOPPED));
		this.supervisor.slots.retiring().add(replacement);
		replacement.process().kill();
		return true;
	}

}
