package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.properties.Durations;

/**
 * Why the master restarts, kills or gives up on a worker, as plain functions of the
 * worker's state and the time: {@link Restarts} applies what follows an exit and
 * {@link WorkerActions} what follows a deadline; nothing here has a side effect. When a
 * serving worker is replaced instead is in {@link ReplacementRules}.
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
		Instant readyAt = run.timeline().readyAt();
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
		WorkerRunTimeline timeline = run.timeline();
		Instant killAt = timeline.killAt();
		if (killAt != null && !now.isBefore(killAt)) {
			return (run.killReason() == RestartReason.HANG) ? Deadline.HANG_DUMPED : Deadline.STOP_TIMEOUT;
		}
		if (run.killReason() != null || leaving) {
			return null;
		}
		Instant lastHeartbeat = timeline.lastHeartbeatAt();
		if (timeline.awaitsReady()
				&& now.isAfter(Durations.plus(timeline.bootStartedAt(), this.settings.timeouts().boot()))) {
			return Deadline.BOOT_TIMEOUT;
		}
		boolean live = timeline.isReady() || timeline.standingByAt() != null;
		if (live && lastHeartbeat != null
				&& now.isAfter(Durations.plus(lastHeartbeat, this.settings.timeouts().heartbeat()))) {
			return Deadline.HANG;
		}
		return null;
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

}
