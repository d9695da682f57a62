package dev.clusterboot.master;

import java.util.concurrent.CompletableFuture;

/**
 * A running worker, as far as the master needs to control it.
 *
 * @author cluster-spring-boot-starter
 */
interface WorkerProcess {

	/**
	 * Return the operating system's process id.
	 * @return the pid
	 */
	long pid();

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
	 * Return whether the process still runs.
	 * @return {@code true} until it has exited
	 */
	boolean isAlive();

	/**
	 * Return whether the worker was started from a class-data archive.
	 * @return {@code true} when it maps the master's archive
	 */
	default boolean usesClassDataArchive() {
		return false;
	}

}
