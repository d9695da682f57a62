package dev.clusterboot.supervision;

import java.io.IOException;

/**
 * Starts worker processes for the master.
 *
 * @author cluster-spring-boot-starter
 */
@FunctionalInterface
public interface WorkerLauncher {

	/**
	 * Start a worker for a slot.
	 * @param slot the slot id, 1 to N
	 * @return the started worker
	 * @throws IOException if the process cannot be started
	 */
	WorkerProcess launch(int slot) throws IOException;

	/**
	 * Start a standby worker: the same application, JVM options and code as a worker,
	 * with {@code CLUSTER_STANDBY=true} and slot id 0, so that it starts the application
	 * but listens only on a private loopback port until the master promotes it.
	 * @return the started standby
	 * @throws IOException if the process cannot be started, or this launcher cannot start
	 * standbys
	 */
	default WorkerProcess launchStandby() throws IOException {
		throw new IOException("This worker launcher cannot start standby workers");
	}

}
