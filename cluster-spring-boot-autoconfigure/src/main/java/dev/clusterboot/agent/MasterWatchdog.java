package dev.clusterboot.agent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Ends a process the master started as soon as the master is gone, in every phase of its
 * life: a worker that is still booting has no control connection yet to tell it, and the
 * class-data training run never has one.
 * <p>
 * A daemon thread polls the master's liveness a few times a second; when the master has
 * exited it exits the JVM, and halts it if the exit (Boot's shutdown hooks) has not
 * finished within {@link #EXIT_GRACE}, so that no orphan holds the port or the CPU
 * unsupervised. Each check is one look-up in the process table.
 *
 * @author cluster-spring-boot-starter
 */
public final class MasterWatchdog {

	/**
	 * How often the master's liveness is checked.
	 */
	static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	/**
	 * How long the JVM's exit may take before the JVM is halted.
	 */
	static final Duration EXIT_GRACE = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(MasterWatchdog.class);

	private static final AtomicBoolean started = new AtomicBoolean();

	private final String process;

	private final long masterPid;

	private final BooleanSupplier masterAlive;

	private final Sleep sleep;

	private final Exit exit;

	MasterWatchdog(String process, long masterPid, BooleanSupplier masterAlive, Sleep sleep, Exit exit) {
		this.process = process;
		this.masterPid = masterPid;
		this.masterAlive = masterAlive;
		this.sleep = sleep;
		this.exit = exit;
	}

	/**
	 * Start watching the master on a daemon thread, once per JVM (an application that
	 * runs a second {@code SpringApplication} starts it once).
	 * @param process what this process is, for the log ("Worker 3")
	 * @param masterPid the master's process id
	 */
	public static void start(String process, long masterPid) {
		if (!started.compareAndSet(false, true)) {
			return;
		}
		MasterWatchdog watchdog = new MasterWatchdog(process, masterPid, liveness(masterPid), Thread::sleep, Exit.JVM);
		Thread thread = new Thread(watchdog::watch, "cluster-master-watchdog");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Tell whether the master is alive. When the master is this process's parent, as it
	 * is for every process it starts, the master is gone once this process has a new
	 * parent: the kernel re-parents the master's children as the master dies, while a
	 * {@link ProcessHandle} still reports a dead master alive until its own parent reaps
	 * it. Otherwise the master's handle decides, which tells a reused pid from the master.
	 */
	static BooleanSupplier liveness(long masterPid) {
		if (isParent(masterPid)) {
			return () -> isParent(masterPid);
		}
		Optional<ProcessHandle> master = ProcessHandle.of(masterPid);
		return () -> master.map(ProcessHandle::isAlive).orElse(false);
	}

	private static boolean isParent(long pid) {
		return ProcessHandle.current().parent().map((parent) -> parent.pid() == pid).orElse(false);
	}

	/**
	 * Poll until the master is gone, then exit the JVM, and halt it if the exit does not
	 * complete in time.
	 */
	void watch() {
		try {
			while (this.masterAlive.getAsBoolean()) {
				this.sleep.sleep(POLL_INTERVAL.toMillis());
			}
			logger.warn(this.process + ": the cluster master (pid " + this.masterPid + ") is gone; exiting so that "
					+ "this process does not run unsupervised");
			this.exit.exit(1);
			this.sleep.sleep(EXIT_GRACE.toMillis());
			logger.warn(this.process + ": the exit did not complete within " + EXIT_GRACE.toMillis()
					+ "ms; halting");
			this.exit.halt(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits between checks; {@link Thread#sleep(long)} outside tests.
	 */
	@FunctionalInterface
	interface Sleep {

		void sleep(long millis) throws InterruptedException;

	}

	/**
	 * How the watchdog ends the JVM.
	 */
	interface Exit {

		/**
		 * {@link System#exit(int)} on a thread of its own, so that the watchdog can halt
		 * the JVM if a shutdown hook hangs, and {@link Runtime#halt(int)}.
		 */
		Exit JVM = new Exit() {

			@Override
			public void exit(int status) {
				new Thread(() -> System.exit(status), "cluster-orphan-exit").start();
			}

			@Override
			public void halt(int status) {
				Runtime.getRuntime().halt(status);
			}

		};

		/**
		 * Start an orderly exit, without waiting for it.
		 * @param status the exit status
		 */
		void exit(int status);

		/**
		 * End the JVM at once.
		 * @param status the exit status
		 */
		void halt(int status);

	}

}
