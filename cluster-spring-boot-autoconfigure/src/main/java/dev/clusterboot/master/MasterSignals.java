package dev.clusterboot.master;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;

/**
 * Routes the signals an operator sends the master to the master's own handling, instead
 * of the JVM's default of running shutdown hooks and exiting with 128 + n. That lets the
 * master stop its workers gracefully and then exit 0.
 *
 * @author cluster-spring-boot-starter
 */
final class MasterSignals {

	private static final Log logger = LogFactory.getLog(MasterSignals.class);

	private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

	private MasterSignals() {
	}

	/**
	 * Handle SIGTERM and SIGINT by asking the master to stop.
	 * @param stop what to run on either signal
	 * @return whether the handlers are installed; {@code false} when the JVM reserves
	 * them (for example with {@code -Xrs}), so that only the shutdown hook stops workers
	 */
	static boolean onStop(Runnable stop) {
		try {
			for (String name : STOP_SIGNALS) {
				Signal.handle(new Signal(name), (signal) -> {
					logger.info("Received SIG" + signal.getName() + "; stopping every worker");
					stop.run();
				});
			}
			return true;
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Cannot handle SIGTERM/SIGINT (" + ex.getMessage()
					+ "); workers will be stopped by the JVM's shutdown hook instead");
			return false;
		}
	}

}
