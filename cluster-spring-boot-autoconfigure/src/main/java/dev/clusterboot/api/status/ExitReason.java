package dev.clusterboot.api.status;

/**
 * Why a worker process ended, as the master saw it.
 *
 * @author cluster-spring-boot-starter
 */
public enum ExitReason {

	/**
	 * The master asked it to stop: a requested stop, a drain after its replacement was
	 * ready, or scaling down.
	 */
	STOPPED,

	/**
	 * It exited without being asked to.
	 */
	CRASH,

	/**
	 * It stopped with exit code {@value WorkerExit#CONFIGURATION_ERROR} before it was
	 * ready: it cannot run as configured, so it is not restarted.
	 */
	CONFIGURATION_ERROR,

	/**
	 * The master killed it because it was not ready within its boot timeout.
	 */
	BOOT_TIMEOUT,

	/**
	 * The master killed it because it stopped sending heartbeats.
	 */
	HANG

}
