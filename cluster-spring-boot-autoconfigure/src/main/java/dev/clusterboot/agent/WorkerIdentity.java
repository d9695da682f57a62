package dev.clusterboot.agent;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.channel.WorkerEnvironment;

/**
 * Who this worker is and how it reaches its master, as the master put it in the worker's
 * environment.
 *
 * @param id the slot id, 1 to N
 * @param controlSocket the path of the master's control socket
 * @param masterPid the master's process id
 * @param launchToken the secret the master made for this launch, which the worker sends
 * in its hello to prove it is the process the master started
 * @author cluster-spring-boot-starter
 */
public record WorkerIdentity(int id, Path controlSocket, long masterPid, String launchToken) {

	/**
	 * Read the identity from the environment.
	 * @param environment the application's environment, which includes the process's
	 * environment variables
	 * @return the identity
	 * @throws IllegalStateException if the process was not started by a cluster master
	 */
	public static WorkerIdentity from(Environment environment) {
		String id = environment.getProperty(ClusterRole.WORKER_ID_VARIABLE);
		String socket = environment.getProperty(WorkerEnvironment.CONTROL_SOCKET_VARIABLE);
		if (id == null || socket == null) {
			throw new IllegalStateException("This process has " + ClusterRole.WORKER_ID_VARIABLE + " but no "
					+ WorkerEnvironment.CONTROL_SOCKET_VARIABLE + ": workers are started by the cluster master only. "
					+ "Unset " + ClusterRole.WORKER_ID_VARIABLE + " to run the application yourself.");
		}
		long masterPid = environment.getProperty(WorkerEnvironment.MASTER_PID_VARIABLE, Long.class, -1L);
		String token = environment.getProperty(WorkerEnvironment.LAUNCH_TOKEN_VARIABLE, "");
		return new WorkerIdentity(Integer.parseInt(id.trim()), Path.of(socket), masterPid, token);
	}

}
