package dev.clusterboot.api.status;

/**
 * What the master may do to the serving workers' scheduling priority while a worker JVM
 * boots, as far as this process's privileges allow.
 *
 * @author cluster-spring-boot-starter
 */
public enum BootPriorityMode {

	/**
	 * While a JVM boots, the serving workers run at a higher nice value (lower priority);
	 * when no boot runs, they get the master's nice back. Needs the right to raise a
	 * priority: root with {@code CAP_SYS_NICE}, or a {@code RLIMIT_NICE} that allows the
	 * master's nice.
	 */
	LOWER_AND_RESTORE,

	/**
	 * Without the right to raise a priority back: the serving workers are lowered at the
	 * first boot and stay lowered, and each worker that becomes ready is lowered to the
	 * same nice, so that serving workers stay equal and every boot runs at the master's
	 * higher priority.
	 */
	LOWER_ONLY,

	/**
	 * Turned off by {@code cluster.boot-priority.enabled=false}.
	 */
	OFF,

	/**
	 * The platform offers no way to change a process's threads' priority (no
	 * {@code /proc}, or no {@code renice} command).
	 */
	UNAVAILABLE

}
