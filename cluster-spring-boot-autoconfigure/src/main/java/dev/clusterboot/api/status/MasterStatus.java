package dev.clusterboot.api.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The master process at one moment.
 *
 * @param pid the master's process id
 * @param port the port every worker serves, or 0 for an application without a web
 * server
 * @param startedAt when the master started
 * @param uptimeSeconds seconds since the master started, at the time of the status
 * @param connectionMigration whether the kernel moves connections waiting on a closing
 * listener to the other workers ({@code net.ipv4.tcp_migrate_req}); {@code null} when the
 * platform has no such setting
 * @param bootPriority how the serving workers' priority changes while a worker JVM boots
 * @author cluster-spring-boot-starter
 */
public record MasterStatus(long pid, int port, Instant startedAt, long uptimeSeconds,
		@Nullable Boolean connectionMigration, BootPriorityStatus bootPriority) {

	/**
	 * Create the status of a master that does not change priorities.
	 * @param pid the master's process id
	 * @param port the port every worker serves, or 0
	 * @param startedAt when the master started
	 * @param uptimeSeconds seconds since the master started
	 * @param connectionMigration whether the kernel migrates waiting connections, or
	 * {@code null}
	 */
	public MasterStatus(long pid, int port, Instant startedAt, long uptimeSeconds,
			@Nullable Boolean connectionMigration) {
		this(pid, port, startedAt, uptimeSeconds, connectionMigration, BootPriorityStatus.OFF);
	}

}
