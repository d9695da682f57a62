package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.MasterStatus;
import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.WorkerChannel;
import dev.clusterboot.statewarnings.StateWarnings;
import dev.clusterboot.supervision.SupervisionRules.AfterExit;

/**
 * The master's state and what happens to it on each event: a worker exits, connects or
 * reports, time passes, an operator asks for a stop, a rolling restart or a new size.
 * <p>
 * No thread, socket or clock of its own: every method takes the current time, one caller
 * at a time (the {@link ClusterMaster}'s loop), and what to decide comes from
 * {@link SupervisionRules}. Processes are started through a {@link WorkerLauncher}, so a
 * test drives the whole core with fake processes and a movable time.
 * <p>
 * A replacement always starts first and must be ready before the worker it replaces is
 * drained. Only one replacement runs at a time. A slot that needs a process takes a
 * {@link Standbys standby} when one stands by, instead of launching one. What the master starts on its own or on
 * request (rolling restarts, recycling, scaling, the stop) is in {@link Operations}.
 *
 * @author cluster-spring-boot-starter
 */
public class Supervisor {

	private static final Log logger = LogFactory.getLog(Supervisor.class);

	final SupervisionRules rules;

	final MasterSettings settings;

	public final Slots slots = new Slots();

	final Map<RestartReason, Long> restarts = new EnumMap<>(RestartReason.class);

	final Launches launches;

	final Replacements replacements = new Replacements(this);

	final Standbys standbys = new Standbys(this);

	private final Operations operations = new Operations(this);

	/**
	 * What the workers found of state that each keeps on its own, in the order first
	 * found; a finding that several workers report is kept once.
	 */
	private final StateWarnings stateWarnings = new StateWarnings();

	/**
	 * The serving worker named the cluster's leader.
	 */
	private final Leadership leadership = new Leadership();

	@Nullable Rollout rollout;

	int desiredWorkers;

	boolean stopping;

	private int exitCode;

	Supervisor(MasterSettings settings, WorkerLauncher launcher) {
		this.settings = settings;
		this.rules = new SupervisionRules(settings);
		this.launches = new Launches(launcher, settings.recycling());
		this.desiredWorkers = settings.workers();
		for (RestartReason reason : RestartReason.values()) {
			this.restarts.put(reason, 0L);
		}
	}

	/**
	 * Return the operator's and the master's own requests on this state.
	 * @return the operations
	 */
	Operations operations() {
		return this.operations;
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

	void addSlot(int id, Instant now) {
		WorkerSlot slot = new WorkerSlot(id);
		this.slots.add(slot);
		start(slot, now);
	}

	void start(WorkerSlot slot, Instant now) {
		WorkerRun standby = this.standbys.promote(slot.id(), now);
		if (standby != null) {
			slot.started(standby);
			return;
		}
		WorkerRun run = this.launches.launch(slot.id(), "worker " + slot.id(), now);
		if (run == null) {
			slot.failed(slot.failedStarts() + 1);
			stopIfEverySlotFailed();
			return;
		}
		slot.started(run);
	}

	/**
	 * Handle the exit of a worker process.
	 * @param process the process
	 * @param code its exit code
	 * @param now when it exited
	 */
	void exited(WorkerProcess process, int code, Instant now) {
		WorkerRun run = this.slots.runOf(process.pid());
		if (run == null || run.process() != process) {
			return;
		}
		boolean retired = this.slots.retiring().remove(run);
		if (this.standbys.exited(run, code, now)) {
			return;
		}
		if (retired) {
			logger.info("Drained worker (pid " + run.pid() + ") stopped with "
					+ WorkerExit.of(run.pid(), code, now, ExitReason.STOPPED).describe());
			return;
		}
		WorkerSlot slot = this.slots.slotOf(run);
		if (slot == null) {
			return;
		}
		if (run == slot.replacement()) {
			WorkerExit exit = WorkerExit.of(run.pid(), code, now, run.exitReason(code));
			slot.replacementEnded(exit);
			this.replacements.failed(slot, "the replacement for worker " + slot.id() + " (pid " + run.pid() + ") "
					+ ((run.killReason() == RestartReason.BOOT_TIMEOUT)
							? "did not become ready within cluster.worker.boot-timeout="
									+ Durations.format(this.settings.timeouts().boot())
							: "exited with " + exit.describe() + " before it was ready"),
					now);
			return;
		}
		boolean asked = this.stopping || slot.state() == WorkerState.STOPPING;
		AfterExit decision = this.rules.afterExit(run, code, asked, slot.failedStarts(), now);
		WorkerExit exit = WorkerExit.of(run.pid(), code, now, asked ? ExitReason.STOPPED : run.exitReason(code));
		slot.exited(exit);
		if (decision instanceof AfterExit.Stopped) {
			slot.stopped();
			logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") stopped with " + exit.describe());
			return;
		}
		this.replacements.abandon(slot, "worker " + slot.id() + " exited while it was being replaced", now);
		RestartReason reason = (run.killReason() != null) ? run.killReason() : RestartReason.CRASH;
		if (decision instanceof AfterExit.Restart restart && !this.stopping && this.standbys.hasPromotable()) {
			slot.backoff(now, restart.failedStarts(), reason);
			logger.warn("Worker " + slot.id() + " (pid " + run.pid() + ") exited unexpectedly with " + exit.describe()
					+ " (" + reason.tagValue() + "); a standby takes its place");
			this.restarts.merge(reason, 1L, Long::sum);
			slot.restarting(reason);
			start(slot, now);
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
			slot.failed(giveUp.failedStarts());
			logger.error("Worker " + slot.id() + " failed to start " + giveUp.failedStarts() + " times in a row "
					+ "(each time it exited before staying up for cluster.restart.stable-after="
					+ Durations.format(this.settings.restart().stableAfter()) + "), last with " + exit.describe()
					+ "; no longer restarting it. Fix the cause shown in its output above, or raise "
					+ "cluster.restart.max-failed-starts (now " + this.settings.restart().maxFailedStarts() + ").");
		}
		stopIfEverySlotFailed();
	}

	void stopIfEverySlotFailed() {
		if (this.slots.allFailed()) {
			logger.error("Every worker has failed; the cluster master exits with code 1");
			this.exitCode = 1;
			this.stopping = true;
		}
	}

	/**
	 * Accept a worker's first message as the channel of the process it names, when it
	 * carries that launch's token and the process has no channel yet.
	 * @param hello the worker's hello
	 * @param channel its connection
	 * @return whether the connection now speaks for that process
	 */
	public boolean connected(ControlMessage.Hello hello, WorkerChannel channel) {
		WorkerRun run = this.slots.runOf(hello.pid());
		if (run == null) {
			// a worker whose exit the master handled before its hello, or a peer naming no worker of ours
			logger.debug("Ignored a hello from pid " + hello.pid() + ", which is no worker process of this master");
			return false;
		}
		boolean accepted = run.connect(hello.token(), channel);
		if (!accepted) {
			logger.warn("Refused a control connection that claims to be worker " + hello.worker() + " (pid "
					+ hello.pid() + "): it did not prove it is that launch, or the process is already connected");
		}
		return accepted;
	}

	/**
	 * Handle a worker's heartbeat, from a connection {@link #connected accepted} for it.
	 * @param pid the worker's pid
	 * @param report what it reported
	 * @param now when it arrived
	 */
	void heartbeat(long pid, WorkerReport report, Instant now) {
		WorkerRun run = this.slots.runOf(pid);
		if (run == null || !run.heartbeat(report, now)) {
			return;
		}
		WorkerSlot slot = this.slots.slotOf(run);
		String after = " after " + Durations.format(Duration.between(run.bootStartedAt(), now));
		if (slot != null && run == slot.current() && slot.state() == WorkerState.STARTING) {
			slot.up();
			logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") is up" + after);
		}
		else if (slot != null && run == slot.replacement()) {
			this.replacements.promote(slot, after, now);
		}
	}

	void retire(WorkerRun run, Instant now) {
		this.slots.retiring().add(run);
		run.drain(this.settings.timeouts(), now);
	}

	/**
	 * Take what a worker found of state that it keeps on its own, from a connection
	 * {@link #connected accepted} for it.
	 * @param pid the worker's pid
	 * @param warnings what it found
	 * @param now when it arrived
	 */
	public void stateWarnings(long pid, List<StateWarning> warnings, Instant now) {
		if (this.slots.runOf(pid) == null) {
			return;
		}
		this.stateWarnings.add(warnings, this.desiredWorkers);
	}

	/**
	 * Keep the leader while it serves, or name another serving worker the leader at once,
	 * revoking the old one first; run after every event, when time passes.
	 * @param now the current time
	 */
	void electLeader(Instant now) {
		this.leadership.elect(this.rules.leaderCandidates(this.leadership.leader(), this.slots.all(), this.stopping),
				this.slots, now);
	}

	/**
	 * Take a snapshot of the cluster.
	 * @param master the master process
	 * @param messageDrops the messages between workers the master dropped, by reason
	 * @param now the current time
	 * @return the status
	 */
	ClusterStatus status(MasterStatus master, Map<MessageDropReason, Long> messageDrops, Instant now) {
		Rollout current = this.rollout;
		return new ClusterStatus(now, master, this.desiredWorkers,
				this.slots.all().stream().map((slot) -> slot.status(now)).toList(),
				Collections.unmodifiableMap(new EnumMap<>(this.restarts)), (current != null) ? current.status() : null,
				this.stateWarnings.shown(this.desiredWorkers), this.leadership.status(), this.standbys.status(now),
				messageDrops);
	}

}
