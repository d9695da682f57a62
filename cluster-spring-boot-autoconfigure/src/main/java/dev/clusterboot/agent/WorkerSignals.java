package dev.clusterboot.agent;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Leaves the terminal's signals to the master.
 * <p>
 * Ctrl-C in a terminal sends SIGINT to every process in the foreground group, the
 * workers included, and closing the terminal sends SIGHUP. If workers acted on them they
 * would exit on their own while the master is still deciding how to stop them. A worker
 * ignores both, and SIGUSR1 (the master's rolling-restart trigger, whose default action
 * would kill a worker that gets it through `kill -USR1 -<group>`), and stops when its
 * master drains it or sends SIGTERM, or when its master is gone.
 *
 * @author cluster-spring-boot-starter
 */
public final class WorkerSignals {

	private static final Log logger = LogFactory.getLog(WorkerSignals.class);

	private WorkerSignals() {
	}

	/**
	 * Ignore SIGINT, SIGHUP and SIGUSR1 in this worker.
	 */
	public static void leaveTerminalSignalsToMaster() {
		for (String name : new String[] { "INT", "HUP", "USR1" }) {
			try {
				Signal.handle(new Signal(name), SignalHandler.SIG_IGN);
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Cannot ignore SIG" + name + " in this worker: " + ex.getMessage());
			}
		}
	}

}
