package dev.clusterboot.api;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

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
	 * Environment variable holding a secret the master made for this one launch: a
	 * worker proves with it that it is the process the master started.
	 */
	public static final String LAUNCH_TOKEN_VARIABLE = "CLUSTER_LAUNCH_TOKEN";

	/**
	 * Environment variable set for the master's class-data training run, which must run
	 * the application alone whatever its configuration says.
	 */
	public static final String TRAINING_RUN_VARIABLE = "CLUSTER_TRAINING_RUN";

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

	private static final Log logger = LogFactory.getLog(ClusterRole.class);

	private static final List<String> TEST_FRAMEWORK_PACKAGES = List.of("org.junit.", "org.springframework.boot.test.",
			"org.testng.", "io.cucumber.", "org.spockframework.");

	/**
	 * Decide the role of this process: the one decision every part of the starter uses.
	 * {@code cluster.enabled} and {@code cluster.workers} are read with Boot's binding
	 * rules, so {@code cluster.enabled=off}, {@code no} or {@code 0} turn cluster mode
	 * off, and a value that is not a boolean fails naming the property.
	 * @param environment the application's environment, which includes the process's
	 * environment variables
	 * @return the role
	 */
	public static ClusterRole of(Environment environment) {
		return decide(environment, isTestLaunch());
	}

	static ClusterRole decide(Environment environment, boolean testLaunch) {
		if (environment.getProperty(WORKER_ID_VARIABLE) != null) {
			return WORKER;
		}
		if (environment.getProperty(TRAINING_RUN_VARIABLE) != null || testLaunch) {
			return SINGLE;
		}
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind("cluster.enabled", Boolean.class).orElse(true);
		return (enabled && binder.bind("cluster.workers", String.class).isBound()) ? MASTER : SINGLE;
	}

	/**
	 * Whether this JVM runs inside a test framework, where forking workers would fork the
	 * test runner: cluster mode stays off there, as Boot's DevTools restart does.
	 * @return {@code true} for a test launch
	 */
	private static boolean isTestLaunch() {
		for (StackTraceElement element : Thread.currentThread().getStackTrace()) {
			for (String prefix : TEST_FRAMEWORK_PACKAGES) {
				if (element.getClassName().startsWith(prefix)) {
					logger.trace("Cluster mode is off in tests: found " + element.getClassName() + " on the stack");
					return true;
				}
			}
		}
		return false;
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
