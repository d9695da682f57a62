package dev.clusterboot.supervision;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.statewarnings.StateWarnings;
import dev.clusterboot.steering.PortSteering;

/**
 * Everything the master knows about its cluster, in one place: the settings and the rules
 * that follow from them, the slots and their runs, the launches so far, the rolling
 * restart, the leader, the state warnings, the restart counts, the desired size and
 * whether the cluster is stopping. The classes that act on the cluster receive this state
 * in their constructor; none keeps a second copy of any of it.
 * <p>
 * Like them it has no thread: only the {@link ClusterMaster}'s loop touches it.
 *
 * @author cluster-spring-boot-starter
 */
final class MasterState {

	private static final Log logger = LogFactory.getLog(MasterState.class);

	private final MasterSettings settings;

	private final SupervisionRules rules;

	private final ReplacementRules replacementRules;

	private final Slots slots = new Slots();

	private final Launches launches;

	private final Leadership leadership;

	/**
	 * What the workers found of state that each keeps on its own, in the order first
	 * found; a finding that several workers report is kept once.
	 */
	private final StateWarnings stateWarnings = new StateWarnings();

	private final Map<RestartReason, Long> restarts = new EnumMap<>(RestartReason.class);

	/**
	 * The shared port's group and the steering of its new connections.
	 */
	private final PortSteering steering;

	private @Nullable Rollout rollout;

	private int desiredWorkers;

	private boolean stopping;

	private int exitCode;

	MasterState(MasterSettings settings, WorkerLauncher launcher) {
		this.settings = settings;
		this.rules = new SupervisionRules(settings);
		this.replacementRules = new ReplacementRules(settings);
		this.launches = new Launches(launcher, settings.recycling());
		this.leadership = new Leadership(settings.sharedLock());
		this.desiredWorkers = settings.workers();
		this.steering = new PortSteering(settings.steering().mode(), settings.steering().thresholds());
		for (RestartReason reason : RestartReason.values()) {
			this.restarts.put(reason, 0L);
		}
	}

	MasterSettings settings() {
		return this.settings;
	}

	SupervisionRules rules() {
		return this.rules;
	}

	ReplacementRules replacementRules() {
		return this.replacementRules;
	}

	Slots slots() {
		return this.slots;
	}

	Launches launches() {
		return this.launches;
	}

	/**
	 * Return the serving worker named the cluster's leader.
	 * @return the leadership
	 */
	Leadership leadership() {
		return this.leadership;
	}

	StateWarnings stateWarnings() {
		return this.stateWarnings;
	}

	/**
	 * Return the steering of new connections over the workers in the port's group.
	 * @return the steering, which does nothing when it is off
	 */
	PortSteering steering() {
		return this.steering;
	}

	/**
	 * Return the last rolling restart, running or finished.
	 * @return the rollout, or {@code null} when none was asked for
	 */
	@Nullable Rollout rollout() {
		return this.rollout;
	}

	/**
	 * Return the rolling restart in progress.
	 * @return the rollout, or {@code null} when none runs
	 */
	@Nullable Rollout runningRollout() {
		Rollout current = this.rollout;
		return (current != null && current.isRunning()) ? current : null;
	}

	/**
	 * Return the first launch number of the last rolling restart: a run launched before
	 * it runs code the cluster is no longer asked to run.
	 * @return the launch number, or 0 when no rollout ran
	 */
	long firstLaunchOfLastRollout() {
		Rollout current = this.rollout;
		return (current != null) ? current.firstLaunch() : 0;
	}

	void rollout(Rollout rollout) {
		this.rollout = rollout;
	}

	int desiredWorkers() {
		return this.desiredWorkers;
	}

	void desiredWorkers(int desiredWorkers) {
		this.desiredWorkers = desiredWorkers;
	}

	boolean isStopping() {
		return this.stopping;
	}

	void stopping() {
		this.stopping = true;
	}

	/**
	 * Whether a stop was requested, or every slot failed, and every process has exited.
	 * @return {@code true} when the master may exit
	 */
	boolean isFinished() {
		return this.stopping && this.slots.nothingRunning();
	}

	/**
	 * The master's exit code: 0 after a requested stop, 1 when every slot failed.
	 * @return the exit code
	 */
	int exitCode() {
		return this.exitCode;
	}

	/**
	 * Stop the master with exit code 1 when every slot has failed.
	 */
	void stopIfEverySlotFailed() {
		if (this.slots.allFailed()) {
			logger.error("Every worker has failed; the cluster master exits with code 1");
			this.exitCode = 1;
			this.stopping = true;
		}
	}

	/**
	 * Count a restart or replacement of a slot's worker.
	 * @param reason why it was restarted
	 */
	void countRestart(RestartReason reason) {
		this.restarts.merge(reason, 1L, Long::sum);
	}

	/**
	 * Return the restarts and replacements so far, by reason, every reason present.
	 * @return an unmodifiable copy
	 */
	Map<RestartReason, Long> restarts() {
		return Collections.unmodifiableMap(new EnumMap<>(this.restarts));
	}

}
