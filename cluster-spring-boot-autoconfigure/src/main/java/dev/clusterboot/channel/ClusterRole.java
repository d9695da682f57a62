package dev.clusterboot.channel;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The role a process plays in cluster mode, decided before any application context
 * exists.
 * <p>
 * A process that the master launched carries {@value #WORKER_ID_VARIABLE} in its
 * environment and is a {@link #WORKER}. Any other process is a {@link #MASTER} when
 * {@code cluster.workers} is set and cluster mode is enabled, and a {@link #SINGLE}
 * plain Boot process otherwise.
 *
 * @author cluster-spring-boot-starter
 */
public enum ClusterRole {

	/**
	 * Forks and supervises the workers; never creates the application's beans.
	 */
	MASTER,

	/**
	 * Runs the application and serves the shared port.
	 */
	WORKER,

	/**
	 * Runs the application alone, exactly as without the starter.
	 */
	SINGLE;

	/**
	 * Environment variable holding the worker's slot id (1..N); its presence makes a
	 * process a worker.
	 */
	public static final String WORKER_ID_VARIABLE = "CLUSTER_WORKER_ID";

	/**
	 * Environment variable holding the path of the master's control socket.
	 */
	public static final String CONTROL_SOCKET_VARIABLE = "CLUSTER_CONTROL_SOCKET";

	/**
	 * Environment variable holding the master's process id.
	 */
	public static final String MASTER_PID_VARIABLE = "CLUSTER_MASTER_PID";

	/**
	 * Environment variable set for the master's class-data training run, which must run
	 * the application alone whatever its configuration says.
	 */
	public static final String TRAINING_RUN_VARIABLE = "CLUSTER_TRAINING_RUN";

	/**
	 * Decide the role of a process.
	 * @param environment reads environment variables and properties by name
	 * @param testLaunch whether the process runs inside a test framework, where cluster
	 * mode never forks
	 * @return the role
	 */
	public static ClusterRole decide(Function<String, @Nullable String> environment, boolean testLaunch) {
		if (environment.apply(WORKER_ID_VARIABLE) != null) {
			return WORKER;
		}
		if (environment.apply(TRAINING_RUN_VARIABLE) != null) {
			return SINGLE;
		}
		boolean enabled = !"false".equalsIgnoreCase(String.valueOf(environment.apply("cluster.enabled")).trim());
		if (!enabled || testLaunch || environment.apply("cluster.workers") == null) {
			return SINGLE;
		}
		return MASTER;
	}

	/**
	 * Return the worker id of this process, if it is a worker.
	 * @return the slot id, or {@code null} when this process is not a worker
	 */
	public static @Nullable Integer currentWorkerId() {
		return workerId(System.getenv());
	}

	static @Nullable Integer workerId(Map<String, String> environment) {
		String value = environment.get(WORKER_ID_VARIABLE);
		return (value != null) ? Integer.valueOf(value.trim()) : null;
	}

}
