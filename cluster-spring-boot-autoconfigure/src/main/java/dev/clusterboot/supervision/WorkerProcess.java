package dev.clusterboot.supervision;

import java.util.concurrent.CompletableFuture;

/**
 * A running worker, as far as the master needs to control it.
 *
 * @author cluster-spring-boot-starter
 */
public interface WorkerProcess {

	/**
	 * Return the operating system's process id.
	 * @return the pid
	 */
	long pid();

	/**
	 * Return the secret the master gave this launch, which the worker must send in its
	 * hello before the master believes what it reports.
	 * @return the launch token
	 */
	String launchToken();

	/**
	 * Return a future that completes with the exit code when the process ends.
	 * @return the exit future
	 */
	CompletableFuture<Integer> onExit();

	/**
	 * Ask the worker to stop gracefully (SIGTERM on Unix).
	 */
	void stop();

	/**
	 * Kill the worker at once (SIGKILL on Unix).
	 */
	void kill();

	/**
	 * Ask the worker's JVM to print a thread dump to its output (SIGQUIT on Unix).
	 */
	void requestThreadDump();

	/**
	 * Return whether the process still runs.
	 * @return {@code true} until it has exited
	 */
	boolean isAlive();

	/**
	 * Note that this process, launched as a standby, now serves a slot, so that its
	 * output is labelled with it.
	 * @param slot the slot
	 */
	default void servesSlot(int slot) {
	}

	/**
	 * Return whether the worker was started from a class-data archive.
	 * @return {@code true} when it maps the master's archive
	 */
	default boolean usesClassDataArchive() {
		return false;
	}

}
