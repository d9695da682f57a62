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
	 * Environment variable set for the master's class-data training run, which must run
	 * the application alone whatever its configuration says.
	 */
	public static final String TRAINING_RUN_VARIABLE = "CLUSTER_TRAINING_RUN";

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
