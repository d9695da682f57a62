package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.MasterStatus;
import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.WorkerChannel;
import dev.clusterboot.properties.Durations;

/**
 * How the master reacts to its workers: a worker exits, connects or beats. It finds which
 * run the event is about and hands it to the class whose job it is: a serving worker's
 * exit to {@link Restarts}, a replacement's to {@link Replacements}, a standby's to
 * {@link Standbys}; what workers report for the master's features goes to
 * {@link WorkerFeatureReports}. It also wires the master's core
 * together, all of it acting on one {@link MasterState}.
 * <p>
 * No thread, socket or clock of its own: every method takes the current time, one caller
 * at a time (the {@link ClusterMaster}'s loop). Processes are started through a
 * {@link WorkerLauncher}, so a test drives the whole core with fake processes and a
 * movable time. What the master starts on its own or on request (rolling restarts,
 * recycling, scaling, the stop) is in {@link Operations}.
 *
 * @author cluster-spring-boot-starter
 */
public class Supervisor {

	private static final Log logger = LogFactory.getLog(Supervisor.class);

	private final MasterState state;

	/**
	 * The state's slots, which every event starts from.
	 */
	final Slots slots;

	private final Standbys standbys;

	private final Replacements replacements;

	private final WorkerActions actions;

	private final Restarts restarts;

	private final Operations operations;

	private final WorkerFeatureReports reports;

	Supervisor(MasterSettings settings, WorkerLauncher launcher) {
		this.state = new MasterState(settings, launcher);
		this.slots = this.state.slots();
		this.standbys = new Standbys(this.state);
		this.replacements = new Replacements(this.state);
		this.actions = new WorkerActions(this.state, this.standbys, this.replacements);
		this.restarts = new Restarts(this.state, this.standbys, this.actions);
		this.operations = new Operations(this.state, this.standbys, this.actions, this.restarts);
		this.reports = new WorkerFeatureReports(this.state);
	}

	/**
	 * Return the operator's and the master's own requests on this state.
	 * @return the operations
	 */
	Operations operations() {
		return this.operations;
	}

	/**
	 * Return the number of workers the cluster should run.
	 * @return the desired number
	 */
	int desiredWorkers() {
		return this.state.desiredWorkers();
	}

	/**
	 * Whether a stop was requested, or every slot failed, and every process has exited.
	 * @return {@code true} when the master may exit
	 */
	boolean isFinished() {
		return this.state.isFinished();
	}

	/**
	 * The master's exit code: 0 after a requested stop, 1 when every slot failed.
	 * @return the exit code
	 */
	int exitCode() {
		return this.state.exitCode();
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
		this.state.steering().left(run.pid());
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
			this.replacements.exitedBeforeReady(slot, run, code, now);
		}
		else {
			this.restarts.exited(slot, run, code, now);
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
		boolean accepted = run.connection().connect(hello.token(), channel);
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
		String after = " after " + Durations.format(Duration.between(run.timeline().bootStartedAt(), now));
		if (slot != null && run == slot.current() && slot.state() == WorkerState.STARTING) {
			slot.up();
			logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") is up" + after);
		}
		else if (slot != null && run == slot.replacement()) {
			WorkerRun old = this.replacements.ready(slot, after);
			if (old != null) {
				this.actions.retire(old, now);
			}
		}
	}

	/**
	 * Return where the reports that workers send for the master's features go: state
	 * they keep on their own, the shared port, the shared lock.
	 * @return the reports' receiver
	 */
	public WorkerFeatureReports reports() {
		return this.reports;
	}

	/**
	 * Take a snapshot of the cluster.
	 * @param master the master process
	 * @param messageDrops the messages between workers the master dropped, by reason
	 * @param now the current time
	 * @return the status
	 */
	ClusterStatus status(MasterStatus master, Map<MessageDropReason, Long> messageDrops, Instant now) {
		Rollout rollout = this.state.rollout();
		int desired = this.state.desiredWorkers();
		return new ClusterStatus(now, master, desired,
				this.slots.all().stream().map((slot) -> slot.status(now)).toList(), this.state.restarts(),
				(rollout != null) ? rollout.status() : null, this.state.stateWarnings().shown(desired),
				this.state.leadership().status(), this.standbys.status(now), messageDrops,
				this.state.steering().status(this::slotIdOf));
	}

	private @Nullable Integer slotIdOf(long pid) {
		WorkerRun run = this.slots.runOf(pid);
		WorkerSlot slot = (run != null) ? this.slots.slotOf(run) : null;
		return (slot != null) ? slot.id() : null;
	}

	/**
	 * Share the port's group with workers that choose per request.
	 * @param group writes the group where the workers read it
	 */
	void shareSteeringGroup(BiConsumer<List<Long>, List<Boolean>> group) {
		this.state.steering().shareGroup(group);
	}

}
