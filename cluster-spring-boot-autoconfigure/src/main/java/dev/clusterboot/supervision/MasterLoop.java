package dev.clusterboot.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.BootPriorityStatus;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.MasterStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.messages.MessageRouter;
import dev.clusterboot.priority.BootPriority;

/**
 * The master's loop: the one thread on which the {@link Supervisor} changes. Worker
 * exits, messages from the control channel, operator commands and stop requests arrive
 * from other threads as tasks on a queue; between tasks the loop lets time pass
 * ({@link Operations#tick}), publishes an immutable {@link ClusterStatus} that other
 * threads read without waiting for the loop, and updates the boot priority.
 *
 * @author cluster-spring-boot-starter
 */
final class MasterLoop {

	private static final Duration MAX_WAIT = Duration.ofMillis(500);

	private final MasterSettings settings;

	private final Clock clock;

	private final Instant startedAt;

	private final long pid = ProcessHandle.current().pid();

	private final Supervisor supervisor;

	private final BlockingQueue<Consumer<Instant>> tasks = new LinkedBlockingQueue<>();

	private final CountDownLatch firstAllUp = new CountDownLatch(1);

	private final MessageRouter messages = new MessageRouter();

	private volatile ClusterStatus status;

	private volatile @Nullable BootPriority bootPriority;

	MasterLoop(MasterSettings settings, WorkerLauncher launcher, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.startedAt = clock.instant();
		this.supervisor = new Supervisor(settings, launcher);
		this.status = snapshot();
	}

	long pid() {
		return this.pid;
	}

	/**
	 * Change the serving workers' priority while a worker JVM boots; call before
	 * {@link #run()}.
	 * @param priority the boot priority to apply
	 */
	void bootPriority(BootPriority priority) {
		this.bootPriority = priority;
		this.status = snapshot();
	}

	@Nullable BootPriority bootPriority() {
		return this.bootPriority;
	}

	/**
	 * Start the workers and run tasks until a stop is requested and every worker has
	 * exited, or until every slot has failed.
	 * @return the master's exit code
	 * @throws InterruptedException if interrupted while waiting for a task
	 */
	int run() throws InterruptedException {
		this.supervisor.operations().start(this.clock.instant());
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
		return this.supervisor.exitCode();
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
		this.messages.update(this.supervisor.slots.messageRoutes());
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
	 * Return the latest published status.
	 * @return the cluster's status
	 */
	ClusterStatus status() {
		return this.status;
	}

	/**
	 * Wait until every desired worker has been up at once.
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitFirstAllUp(Duration timeout) throws InterruptedException {
		this.firstAllUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
