package dev.clusterboot.supervision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.StandbyPool;
import dev.clusterboot.api.status.StandbyState;
import dev.clusterboot.api.status.StandbyStatus;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerState;

/**
 * The master's standby workers: processes that run the application, listen only on a
 * private loopback port and wait to be promoted into a slot. This class keeps the pool
 * full, promotes a standby when a slot needs a process, retires the pool for a rolling
 * restart or the stop, and counts a standby that fails to start like any failed start.
 * Its decisions come from {@link SupervisionRules}; like the {@link Supervisor} it has
 * no thread and takes the current time.
 *
 * @author cluster-spring-boot-starter
 */
final class Standbys {

	private static final Log logger = LogFactory.getLog(Standbys.class);

	private final Supervisor supervisor;

	private final List<WorkerRun> leaving = new ArrayList<>();

	private long promotions;

	private int failedStarts;

	private @Nullable Instant nextLaunchAt;

	private boolean gaveUp;

	Standbys(Supervisor supervisor) {
		this.supervisor = supervisor;
	}

	/**
	 * Return how many standbys the master keeps: none for an application without a port,
	 * whose workers cannot start staged.
	 * @return the desired count
	 */
	int desired() {
		MasterSettings settings = this.supervisor.settings;
		return (settings.port() > 0) ? settings.standbyWorkers() : 0;
	}

	long promotions() {
		return this.promotions;
	}

	private List<WorkerRun> live() {
		return this.supervisor.slots.standbys();
	}

	/**
	 * Launch the standbys missing from the pool, when the rules allow it now.
	 * @param now the current time
	 */
	void replenish(Instant now) {
		Supervisor state = this.supervisor;
		if (state.stopping || this.gaveUp || desired() == 0) {
			return;
		}
		boolean booting = state.slots.replacementInProgress()
				|| state.slots.all().stream().anyMatch((slot) -> slot.state() == WorkerState.STARTING);
		int missing = state.rules.standbysToLaunch(desired(), live().size(), booting, this.nextLaunchAt, now);
		for (int i = 0; i < missing; i++) {
			WorkerRun run = state.launches.launchStandby(now);
			if (run == null) {
				failedStart(now);
				return;
			}
			live().add(run);
		}
	}

	/**
	 * Return whether a standby could be promoted now.
	 * @return {@code true} when one stands by and runs the current code
	 */
	boolean hasPromotable() {
		return live().stream().anyMatch(this::promotable);
	}

	private boolean promotable(WorkerRun run) {
		Rollout rollout = this.supervisor.rollout;
		return this.supervisor.rules.mayPromote(run, (rollout != null) ? rollout.firstLaunch() : 0);
	}

	/**
	 * Promote the oldest standby that may be promoted into a slot: tell it to join the
	 * shared port, and take it out of the pool.
	 * @param slot the slot id it will serve
	 * @param now the current time
	 * @return the promoted run, or {@code null} when none could be promoted
	 */
	@Nullable WorkerRun promote(int slot, Instant now) {
		for (WorkerRun run : List.copyOf(live())) {
			if (!promotable(run)) {
				continue;
			}
			live().remove(run);
			if (run.join(slot, now)) {
				this.promotions++;
				logger.info("Promoting standby (pid " + run.pid() + ") to worker " + slot);
				return run;
			}
			retire(run, now);
		}
		return null;
	}

	/**
	 * Retire every standby launched before a launch number: a rolling restart's standbys
	 * must run the code it was asked to run.
	 * @param firstLaunch the first launch number that may stay
	 * @param now the current time
	 */
	void retireOlderThan(long firstLaunch, Instant now) {
		for (WorkerRun run : List.copyOf(live())) {
			if (run.launch() < firstLaunch) {
				live().remove(run);
				retire(run, now);
			}
		}
	}

	/**
	 * Retire every standby, for the stop.
	 * @param now the current time
	 */
	void retireAll(Instant now) {
		retireOlderThan(Long.MAX_VALUE, now);
	}

	private void retire(WorkerRun run, Instant now) {
		this.leaving.add(run);
		this.supervisor.retire(run, now);
	}

	/**
	 * Handle the exit of a standby, live or retiring.
	 * @param run the standby's run
	 * @param code its exit code
	 * @param now when it exited
	 * @return whether the run was a standby
	 */
	boolean exited(WorkerRun run, int code, Instant now) {
		if (this.leaving.remove(run)) {
			return true;
		}
		if (!live().remove(run)) {
			return false;
		}
		WorkerExit exit = WorkerExit.of(run.pid(), code, now, run.exitReason(code));
		if (run.standingByAt() != null) {
			this.failedStarts = 0;
			this.nextLaunchAt = null;
			logger.warn("Standby worker (pid " + run.pid() + ") exited with " + exit.describe() + "; starting another");
			return true;
		}
		logger.warn("Standby worker (pid " + run.pid() + ") exited with " + exit.describe() + " before it stood by");
		failedStart(now);
		return true;
	}

	private void failedStart(Instant now) {
		this.failedStarts++;
		MasterSettings.Restart restart = this.supervisor.settings.restart();
		if (this.failedStarts >= restart.maxFailedStarts()) {
			this.gaveUp = true;
			logger.error("Standby workers failed to start " + this.failedStarts + " times in a row; no longer "
					+ "starting them (cluster.restart.max-failed-starts=" + restart.maxFailedStarts() + ")");
			return;
		}
		this.nextLaunchAt = Durations.plus(now, this.supervisor.rules.backoff(this.failedStarts));
	}

	/**
	 * Return every standby run, live and retiring, for deadlines.
	 * @return the runs
	 */
	List<WorkerRun> liveRuns() {
		return List.copyOf(live());
	}

	StandbyPool status(Instant now) {
		List<StandbyStatus> standbys = Stream
			.concat(live().stream()
				.map((run) -> new StandbyStatus(
						(run.standingByAt() != null) ? StandbyState.STANDING_BY : StandbyState.STARTING,
						run.standbyStatus(now))),
					this.leaving.stream().map((run) -> new StandbyStatus(StandbyState.STOPPING, run.standbyStatus(now))))
			.toList();
		return new StandbyPool(desired(), this.promotions, standbys);
	}

}
