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
import dev.clusterboot.properties.Durations;

/**
 * The master's pool of standby workers: processes that run the application, listen only
 * on a private loopback port and wait to be promoted into a slot. The pool decides how
 * many standbys to launch now, which one to promote and which ones to retire, and counts
 * a standby that fails to start like any failed start; {@link WorkerActions} does what it
 * decides. The rules behind its decisions are in {@link ReplacementRules}.
 *
 * @author cluster-spring-boot-starter
 */
final class Standbys {

	private static final Log logger = LogFactory.getLog(Standbys.class);

	private final MasterState state;

	private final List<WorkerRun> leaving = new ArrayList<>();

	private long promotions;

	private int failedStarts;

	private @Nullable Instant nextLaunchAt;

	private boolean gaveUp;

	Standbys(MasterState state) {
		this.state = state;
	}

	/**
	 * Return how many standbys the master keeps: none for an application without a port,
	 * whose workers cannot start staged.
	 * @return the desired count
	 */
	int desired() {
		MasterSettings settings = this.state.settings();
		return (settings.port() > 0) ? settings.standbyWorkers() : 0;
	}

	private List<WorkerRun> live() {
		return this.state.slots().standbys();
	}

	/**
	 * Decide how many standbys to launch now: the ones missing from the pool, when the
	 * rules allow it.
	 * @param now the current time
	 * @return how many to launch, 0 or more
	 */
	int toLaunch(Instant now) {
		if (this.state.isStopping() || this.gaveUp || desired() == 0) {
			return 0;
		}
		Slots slots = this.state.slots();
		boolean booting = slots.replacementInProgress()
				|| slots.all().stream().anyMatch((slot) -> slot.state() == WorkerState.STARTING);
		return this.state.replacementRules()
			.standbysToLaunch(desired(), live().size(), booting, this.nextLaunchAt, now);
	}

	/**
	 * Add a standby that was just launched to the pool.
	 * @param run its run
	 */
	void launched(WorkerRun run) {
		live().add(run);
	}

	/**
	 * Return whether a standby could be promoted now.
	 * @return {@code true} when one stands by and runs the current code
	 */
	boolean hasPromotable() {
		return live().stream().anyMatch(this::promotable);
	}

	private boolean promotable(WorkerRun run) {
		return this.state.replacementRules().mayPromote(run, this.state.firstLaunchOfLastRollout());
	}

	/**
	 * Decide which standby to promote into a slot, the oldest that may be promoted, and
	 * take it out of the pool.
	 * @return the standby, or {@code null} when none may be promoted
	 */
	@Nullable WorkerRun takePromotable() {
		WorkerRun run = live().stream().filter(this::promotable).findFirst().orElse(null);
		if (run != null) {
			live().remove(run);
		}
		return run;
	}

	/**
	 * Count a standby that was told to join a slot.
	 */
	void promoted() {
		this.promotions++;
	}

	/**
	 * Decide which standbys to retire because they were launched before a launch number:
	 * a rolling restart's standbys must run the code it was asked to run. They leave the
	 * pool and are counted as leaving until they exit.
	 * @param firstLaunch the first launch number that may stay; {@link Long#MAX_VALUE}
	 * for every standby
	 * @return the standbys to retire
	 */
	List<WorkerRun> takeOlderThan(long firstLaunch) {
		List<WorkerRun> older = live().stream().filter((run) -> run.launch() < firstLaunch).toList();
		older.forEach(this::leaving);
		return older;
	}

	/**
	 * Count a standby that left the pool without serving, until it exits.
	 * @param run the standby
	 */
	void leaving(WorkerRun run) {
		live().remove(run);
		this.leaving.add(run);
	}

	/**
	 * Handle the exit of a standby, live or leaving.
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
		if (run.timeline().standingByAt() != null) {
			this.failedStarts = 0;
			this.nextLaunchAt = null;
			logger.warn("Standby worker (pid " + run.pid() + ") exited with " + exit.describe() + "; starting another");
			return true;
		}
		logger.warn("Standby worker (pid " + run.pid() + ") exited with " + exit.describe() + " before it stood by");
		failedStart(now);
		return true;
	}

	/**
	 * Count a standby that could not be launched or exited before it stood by: launch the
	 * next one after a backoff, or no more after too many failed starts in a row.
	 * @param now the current time
	 */
	void failedStart(Instant now) {
		this.failedStarts++;
		MasterSettings.Restart restart = this.state.settings().restart();
		if (this.failedStarts >= restart.maxFailedStarts()) {
			this.gaveUp = true;
			logger.error("Standby workers failed to start " + this.failedStarts + " times in a row; no longer "
					+ "starting them (cluster.restart.max-failed-starts=" + restart.maxFailedStarts() + ")");
			return;
		}
		this.nextLaunchAt = Durations.plus(now, this.state.rules().backoff(this.failedStarts));
	}

	/**
	 * Return every live standby run, for deadlines.
	 * @return the runs
	 */
	List<WorkerRun> liveRuns() {
		return List.copyOf(live());
	}

	StandbyPool status(Instant now) {
		List<StandbyStatus> standbys = Stream
			.concat(live().stream()
				.map((run) -> new StandbyStatus(
						(run.timeline().standingByAt() != null) ? StandbyState.STANDING_BY : StandbyState.STARTING,
						run.standbyStatus(now))),
					this.leaving.stream().map((run) -> new StandbyStatus(StandbyState.STOPPING, run.standbyStatus(now))))
			.toList();
		return new StandbyPool(desired(), this.promotions, standbys);
	}

}
