package dev.clusterboot.agent;

import java.time.Duration;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.portgroup.PortGroupMember;

/**
 * The three ways the agent ends its worker's JVM: after a drain the master asked for,
 * when a standby could not join the port, and when the master is gone. Each runs on a
 * thread of its own, so that the thread reading the control connection never blocks in
 * Boot's shutdown.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerExits {

	/**
	 * How long an orphan's exit (Boot's shutdown hooks) may take before the JVM is halted.
	 */
	static final Duration ORPHAN_EXIT_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(WorkerExits.class);

	private final @Nullable PortGroupMember portGroup;

	private final IntConsumer exit;

	private final IntConsumer halt;

	private final MasterWatchdog.Sleep sleep;

	private final Threads threads;

	WorkerExits(@Nullable PortGroupMember portGroup) {
		this(portGroup, System::exit, Runtime.getRuntime()::halt, Thread::sleep, WorkerExits::startThread);
	}

	WorkerExits(@Nullable PortGroupMember portGroup, IntConsumer exit, IntConsumer halt, MasterWatchdog.Sleep sleep,
			Threads threads) {
		this.portGroup = portGroup;
		this.exit = exit;
		this.halt = halt;
		this.sleep = sleep;
		this.threads = threads;
	}

	/**
	 * Leave the port's group at once, let the web server serve what it had accepted for
	 * the drain period, then exit with status 0, which runs Boot's graceful shutdown.
	 * @param slot the slot this worker serves, for the log
	 * @param period how long to serve accepted connections
	 */
	void drain(int slot, Duration period) {
		logger.info("Worker " + slot + " leaving the port; serving accepted connections for " + period.toMillis()
				+ "ms, then shutting down gracefully");
		if (this.portGroup != null) {
			this.portGroup.leave();
		}
		// Non-daemon: closing the listener can end the server's own keep-alive thread
		// (Reactor Netty's), and the JVM must not exit before the drain period is over.
		this.threads.start("cluster-drain", false, () -> {
			try {
				this.sleep.sleep(period.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.exit.accept(0);
		});
	}

	/**
	 * Exit with status 1, which the master handles as a failed start of the slot.
	 */
	void joinFailed() {
		this.threads.start("cluster-join-failed", true, () -> this.exit.accept(1));
	}

	/**
	 * Exit with status 1 so that the worker does not hold the port unsupervised, and halt
	 * the JVM if the exit has not completed within {@link #ORPHAN_EXIT_TIMEOUT}.
	 * @param worker this worker's id, for the log
	 * @param masterPid the master's process id, for the log
	 */
	void masterGone(int worker, long masterPid) {
		logger.warn("Worker " + worker + ": the cluster master (pid " + masterPid
				+ ") is gone; stopping this worker so that it does not hold the port unsupervised");
		this.threads.start("cluster-orphan-exit", true, () -> this.exit.accept(1));
		this.threads.start("cluster-orphan-halt", true, () -> {
			try {
				this.sleep.sleep(ORPHAN_EXIT_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.halt.accept(1);
		});
	}

	private static void startThread(String name, boolean daemon, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(daemon);
		thread.start();
	}

	/**
	 * Starts the thread that exits; a new {@link Thread} outside tests.
	 */
	@FunctionalInterface
	interface Threads {

		void start(String name, boolean daemon, Runnable task);

	}

}
