package dev.clusterboot.bootstrap;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;
import dev.clusterboot.master.ClusterMaster;

/**
 * Routes the signals an operator sends the master to the master's own handling, as
 * Gunicorn and Puma do:
 * <ul>
 * <li>SIGTERM, SIGINT: stop every worker gracefully, then exit 0 (instead of the JVM's
 * default of running shutdown hooks and exiting with 128 + n);</li>
 * <li>SIGHUP: replace every worker, one at a time, without dropping a connection;</li>
 * <li>SIGTTIN, SIGTTOU: run one more, or one fewer, worker.</li>
 * </ul>
 *
 * @author cluster-spring-boot-starter
 */
final class MasterSignals {

	private static final Log logger = LogFactory.getLog(MasterSignals.class);

	private MasterSignals() {
	}

	/**
	 * Install the handlers.
	 * @param master the master the signals control
	 */
	static void install(ClusterMaster master) {
		Map<String, Runnable> actions = Map.of("TERM", master::requestStop, "INT", master::requestStop, "HUP",
				master::requestRollingRestart, "TTIN", () -> master.requestScaleBy(1), "TTOU",
				() -> master.requestScaleBy(-1));
		actions.forEach((name, action) -> {
			try {
				Signal.handle(new Signal(name), (signal) -> {
					logger.info("Received SIG" + signal.getName());
					action.run();
				});
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Cannot handle SIG" + name + " (" + ex.getMessage() + ")"
						+ (name.equals("TERM") ? "; workers will be stopped by the JVM's shutdown hook instead" : ""));
			}
		});
	}

}
