package dev.clusterboot.master;

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

}
