package dev.clusterboot.supervision;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.properties.Durations;

/**
 * How a serving worker is replaced: its replacement (a promoted standby when one stands
 * by, else a new process) starts beside it, takes its slot once ready, and only then is
 * the old worker drained. A replacement that cannot start, exits or is abandoned before it
 * is ready leaves the old worker serving and stops a rolling restart that asked for it.
 * <p>
 * This class keeps the slot, the counts and the rollout true and says which process to
 * drain; {@link WorkerActions} starts, drains and kills the processes.
 *
 * @author cluster-spring-boot-starter
 */
final class Replacements {

	private static final Log logger = LogFactory.getLog(Replacements.class);

	private final MasterState state;

	Replacements(MasterState state) {
		this.state = state;
	}

	/**
	 * Make a slot's ready replacement its serving worker and count the replacement.
	 * @param slot the slot
	 * @param after how long the replacement took, for the log
	 * @return the worker it replaced, which must be drained, or {@code null}
	 */
	@Nullable WorkerRun ready(WorkerSlot slot, String after) {
		RestartReason reason = slot.replacementReason();
		WorkerRun old = slot.promoteReplacement();
		WorkerRun run = slot.current();
		this.state.countRestart(reason);
		logger.info("Worker " + slot.id() + " replaced (" + reason.tagValue() + "): pid " + run.pid() + " is up"
				+ after + ((old != null) ? "; draining pid " + old.pid() : ""));
		Rollout current = this.state.runningRollout();
		if (current != null && Integer.valueOf(slot.id()).equals(current.current())) {
			current.replaced();
		}
		return old;
	}

	/**
	 * Handle the exit of a slot's replacement before it was ready: the old worker keeps
	 * serving.
	 * @param slot the slot
	 * @param run the replacement that exited
	 * @param code its exit code
	 * @param now when it exited
	 */
	void exitedBeforeReady(WorkerSlot slot, WorkerRun run, int code, Instant now) {
		WorkerExit exit = WorkerExit.of(run.pid(), code, now, run.exitReason(code));
		slot.replacementEnded(exit);
		failed(slot, "the replacement for worker " + slot.id() + " (pid " + run.pid() + ") "
				+ ((run.killReason() == RestartReason.BOOT_TIMEOUT)
						? "did not become ready within cluster.worker.boot-timeout="
								+ Durations.format(this.state.settings().timeouts().boot())
						: "exited with " + exit.describe() + " before it was ready"),
				now);
	}

	/**
	 * Say that a replacement failed, and stop the rolling restart it was part of.
	 * @param slot the slot, whose old worker keeps serving
	 * @param why what went wrong
	 * @param now the current time
	 */
	void failed(WorkerSlot slot, String why, Instant now) {
		Rollout current = this.state.runningRollout();
		if (current != null) {
			current.failed(why, now);
			logger.error("Rolling restart stopped: " + why + ". Worker " + slot.id()
					+ " and the workers not yet replaced keep serving.");
		}
		else {
			logger.error("Replacing worker " + slot.id() + " failed: " + why + ". The worker keeps serving.");
		}
	}

}
