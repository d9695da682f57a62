package dev.clusterboot.supervision;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.api.status.BootPriorityStatus;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.MasterStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.messages.MessageRouter;
import dev.clusterboot.priority.BootPriority;
import dev.clusterboot.priority.BootPriorityPolicy;
import dev.clusterboot.priority.ThreadPriorities;

/**
 * The master's loop: the one thread on which the {@link Supervisor} changes, and the
 * thin shell around it. Worker exits, messages from the control channel, operator
 * commands and stop requests arrive from other threads as tasks on a queue; between tasks
 * the loop lets time pass ({@link Operations#tick}) and publishes an immutable
 * {@link ClusterStatus} that the control channel hands out without waiting for the loop.
 *
 * @author cluster-spring-boot-starter
 */
public final class ClusterMaster {

	private static final Log logger = LogFactory.getLog(ClusterMaster.class);

	private static final Duration MAX_WAIT = Duration.ofMillis(500);

	private final MasterSettings settings;

	private final Function<Path, WorkerLauncher> launchers;

	private final Clock clock;

	private final BlockingQueue<Consumer<Instant>> tasks = new LinkedBlockingQueue<>();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private final CountDownLatch firstAllUp = new CountDownLatch(1);

	private final Instant startedAt;

	private final long pid = ProcessHandle.current().pid();

	private final Supervisor supervisor;

	private final WorkerProcesses processes = new WorkerProcesses((process, code) -> submit(
			(now) -> supervisor().exited(process, code, now)));

	private final MessageRouter messages = new MessageRouter();

	private volatile ClusterStatus status;

	private volatile @Nullable BootPriority bootPriority;

	/**
	 * Create a master.
	 * @param settings what to run
	 * @param launchers makes the worker launcher once the control socket exists
	 */
	public ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers) {
		this(settings, launchers, Clock.systemUTC());
	}

	ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers, Clock clock) {
		this.settings = settings;
		this.launchers = launchers;
		this.clock = clock;
		this.startedAt = clock.instant();
		this.supervisor = new Supervisor(settings, this.processes);
		this.status = snapshot();
	}

	/**
	 * Change the serving workers' priority while a worker JVM boots, by the
	 * {@link BootPriorityPolicy}; call before {@link #run()}. Without it the master changes
	 * no priority.
	 * @param mode what the master may do
	 * @param masterNice the master's own nice value
	 * @param lowerBy how many steps above the master's nice serving workers run while a
	 * JVM boots
	 * @param priorities changes a process's threads' nice value
	 */
	public void useBootPriority(BootPriorityMode mode, int masterNice, int lowerBy, ThreadPriorities priorities) {
		useBootPriority(new BootPriority(new BootPriorityPolicy(mode, masterNice, lowerBy), priorities));
	}

	/**
	 * Change the serving workers' priority while a worker JVM boots, as the given
	 * {@link BootPriority} decides; call before {@link #run()}.
	 * @param priority the boot priority to apply
	 */
	public void useBootPriority(BootPriority priority) {
		this.bootPriority = priority;
		this.status = snapshot();
	}

	/**
	 * Start the workers and supervise them until a stop is requested and every worker has
	 * exited, or until every slot has failed.
	 * @return the exit code for the master's process: 0 after a requested stop, 1 when
	 * every slot failed
	 * @throws IOException if the control channel cannot be opened
	 */
	public int run() throws IOException {
		try (ControlServer server = ControlServer.start(new MasterChannelHandler(this))) {
			this.processes.use(this.launchers.apply(server.socket()));
			logger.info("Cluster master (pid " + this.pid + ") starting " + this.settings.workers() + " workers"
					+ ((this.settings.port() > 0) ? " on port " + this.settings.port() : " without a port"));
			this.supervisor.operations().start(this.clock.instant());
			loop();
			return this.supervisor.exitCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.processes.killAll();
			return 1;
		}
		finally {
			BootPriority priority = this.bootPriority;
			if (priority != null) {
				priority.close();
			}
			this.terminated.countDown();
		}
	}

	private void loop() throws InterruptedException {
		while (!this.supervisor.isFinished()) {
			Instant now = this.clock.instant();
			Consumer<Instant> task = this.tasks.poll(this.supervisor.slots.untilNextRestart(now, MAX_WAIT).toMillis(),
					TimeUnit.MILLISECONDS);
			if (task != null) {
				task.accept(this.clock.instant());
			}
			this.supervisor.operations().tick(this.clock.instant());
			publish();
			BootPriority priority = this.bootPriority;
			if (priority != null) {
				priority.update(this.status);
			}
			if (this.status.count(WorkerState.UP) >= this.status.desiredWorkers()) {
				this.firstAllUp.countDown();
			}
		}
		logger.info("Cluster master stopped; every worker has exited");
	}

	/**
	 * Run a task on the loop thread, with the time it runs at.
	 * @param task the task
	 */
	void submit(Consumer<Instant> task) {
		this.tasks.add(task);
	}

	/**
	 * Return the supervisor, for tasks running on the loop thread.
	 * @return the supervisor
	 */
	Supervisor supervisor() {
		return this.supervisor;
	}

	/**
	 * Publish the status now; runs on the loop thread.
	 */
	void publish() {
		this.messages.update(SlotRoutes.of(this.supervisor.slots.all()));
		this.status = snapshot();
	}

	/**
	 * Return the router of messages between workers, for the control channel's threads.
	 * @return the router
	 */
	MessageRouter messages() {
		return this.messages;
	}

	/**
	 * Ask the master to stop every worker gracefully and then return from {@link #run()}.
	 * Safe to call from any thread, any number of times.
	 */
	public void requestStop() {
		submit((now) -> this.supervisor.operations().stop(now));
	}

	/**
	 * Ask the master to replace every worker, one at a time. Safe to call from any
	 * thread; a request while a rollout runs leaves that rollout alone.
	 */
	public void requestRollingRestart() {
		submit((now) -> this.supervisor.operations().rollingRestart(now));
	}

	/**
	 * Ask the master to run one more or one fewer worker. Safe to call from any thread.
	 * @param delta {@code +1} or {@code -1}
	 */
	public void requestScaleBy(int delta) {
		submit((now) -> this.supervisor.operations().scale(this.supervisor.desiredWorkers() + delta, now));
	}

	/**
	 * Stop the workers and wait for them, for a JVM shutdown that did not come through
	 * {@link #requestStop()}. Workers still alive after the drain period and the shutdown
	 * timeout are killed.
	 */
	public void stopAndWait() {
		requestStop();
		MasterSettings.Timeouts timeouts = this.settings.timeouts();
		long wait = Durations.millis(timeouts.drainPeriod(), timeouts.shutdown(), Duration.ofSeconds(1));
		try {
			if (!this.terminated.await(wait, TimeUnit.MILLISECONDS)) {
				this.processes.killAll();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.processes.killAll();
		}
	}

	/**
	 * Wait until every desired worker has been up at once, for work that should not
	 * compete with the first workers' start.
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitFirstAllUp(Duration timeout) throws InterruptedException {
		this.firstAllUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return the latest published status.
	 * @return the cluster's status
	 */
	public ClusterStatus status() {
		return this.status;
	}

	private ClusterStatus snapshot() {
		Instant now = this.clock.instant();
		BootPriority priority = this.bootPriority;
		MasterStatus master = new MasterStatus(this.pid, this.settings.port(), this.startedAt,
				Duration.between(this.startedAt, now).toSeconds(), this.settings.connectionMigration(),
				(priority != null) ? priority.status() : BootPriorityStatus.OFF);
		return this.supervisor.status(master, this.messages.drops(), now);
	}

}
