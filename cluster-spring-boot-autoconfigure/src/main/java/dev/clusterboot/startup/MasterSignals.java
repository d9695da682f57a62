package dev.clusterboot.startup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.clusterboot.supervision.ClusterMaster;

/**
 * Routes the signals an operator sends the master to the master's own handling, as
 * Gunicorn and Puma do:
 * <ul>
 * <li>SIGTERM, SIGINT: stop every worker gracefully, then exit 0 (instead of the JVM's
 * default of running shutdown hooks and exiting with 128 + n);</li>
 * <li>SIGHUP, and SIGUSR1 (Puma's phased restart): replace every worker, one at a time,
 * without dropping a connection;</li>
 * <li>SIGTTIN, SIGTTOU: run one more, or one fewer, worker.</li>
 * </ul>
 * A process started with SIGHUP, SIGINT or SIGTERM ignored, as {@code nohup} ignores
 * SIGHUP, keeps it ignored: the JVM installs no handler for such a shutdown signal and
 * answers that its previous handler was {@code SIG_IGN}. The master then says so at
 * startup, with what to send instead. SIGUSR1 is free on HotSpot (which uses SIGUSR2 and
 * SIGQUIT itself), and the JVM handles it even when it was ignored.
 *
 * @author cluster-spring-boot-starter
 */
public final class MasterSignals {

	private static final Log logger = LogFactory.getLog(MasterSignals.class);

	/**
	 * The shutdown signals, which the JVM leaves ignored when they were ignored at
	 * startup.
	 */
	private static final Set<String> KEPT_IGNORED = Set.of("HUP", "INT", "TERM");

	private MasterSignals() {
	}

	/**
	 * Install the handlers, and log what an ignored signal leaves to other signals.
	 * @param master the master the signals control
	 */
	public static void install(ClusterMaster master) {
		Map<String, Runnable> actions = new LinkedHashMap<>();
		actions.put("TERM", master::requestStop);
		actions.put("INT", master::requestStop);
		actions.put("HUP", master::requestRollingRestart);
		actions.put("USR1", master::requestRollingRestart);
		actions.put("TTIN", () -> master.requestScaleBy(1));
		actions.put("TTOU", () -> master.requestScaleBy(-1));
		actions.forEach((name, action) -> {
			try {
				SignalHandler previous = Signal.handle(new Signal(name), (signal) -> {
					logger.info("Received SIG" + signal.getName());
					action.run();
				});
				if (previous == SignalHandler.SIG_IGN && KEPT_IGNORED.contains(name)) {
					logger.info(ignored(name, ProcessHandle.current().pid()));
				}
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Cannot handle SIG" + name + " (" + ex.getMessage() + ")"
						+ (name.equals("TERM") ? "; workers will be stopped by the JVM's shutdown hook instead" : ""));
			}
		});
	}

	/**
	 * Say that a shutdown signal stays ignored, and what to send instead.
	 * @param name the signal's name without {@code SIG}
	 * @param pid the master's pid
	 * @return one line for the log
	 */
	static String ignored(String name, long pid) {
		String typically = switch (name) {
			case "HUP" -> ", as under nohup";
			case "INT" -> ", as for a background job of a script";
			default -> "";
		};
		String instead = switch (name) {
			case "HUP" -> "it does not restart the workers. For a rolling restart send SIGUSR1 (kill -USR1 " + pid
					+ "), or POST {\"action\":\"restart\"} to /actuator/cluster where "
					+ "management.endpoint.cluster.access allows writes";
			case "INT" -> "Ctrl-C does not stop the cluster. To stop it send SIGTERM (kill " + pid + ")";
			default -> "kill " + pid + " does not stop the cluster. To stop it send SIGINT (kill -INT " + pid + ")";
		};
		return "SIG" + name + " is ignored in this process (inherited from the process that started it" + typically
				+ "), and the JVM keeps it ignored: " + instead;
	}

}
