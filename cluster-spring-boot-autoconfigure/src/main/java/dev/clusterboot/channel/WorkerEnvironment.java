package dev.clusterboot.channel;

/**
 * What the master passes a worker through its environment, besides
 * {@code CLUSTER_WORKER_ID} that makes it a worker: where the master's control socket is,
 * who the master is, the secret of this one launch, and how the worker starts. Read by the
 * worker's side of each feature, set by the master's launch.
 *
 * @author cluster-spring-boot-starter
 */
public final class WorkerEnvironment {

	/**
	 * Environment variable holding the path of the master's control socket.
	 */
	public static final String CONTROL_SOCKET_VARIABLE = "CLUSTER_CONTROL_SOCKET";

	/**
	 * Environment variable holding the master's process id.
	 */
	public static final String MASTER_PID_VARIABLE = "CLUSTER_MASTER_PID";

	/**
	 * Environment variable holding a secret the master made for this one launch: a
	 * worker proves with it that it is the process the master started.
	 */
	public static final String LAUNCH_TOKEN_VARIABLE = "CLUSTER_LAUNCH_TOKEN";

	/**
	 * Environment variable that marks a standby launch ({@code true}): the worker starts
	 * the application but listens only on a private loopback port until the master tells
	 * it to join the shared port.
	 */
	public static final String STANDBY_VARIABLE = "CLUSTER_STANDBY";

	/**
	 * Environment variable that the master sets for a worker that runs in a Linux
	 * autogroup of its own: how many steps of nice value the worker's application threads
	 * run above the JVM's own threads (JIT compilers, garbage collector), so that request
	 * threads under load do not starve the JIT.
	 */
	public static final String APPLICATION_THREADS_NICE_VARIABLE = "CLUSTER_APPLICATION_THREADS_NICE";

	private WorkerEnvironment() {
	}

}
