package dev.clusterboot.launch;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Asks a worker JVM for a thread dump by sending it SIGQUIT: the JVM prints every thread's
 * stack to its standard output, which the master relays with the worker's prefix. The JVM
 * answers SIGQUIT from its signal dispatcher thread, so this works while the
 * application's own threads are deadlocked; a stopped process prints nothing.
 *
 * @author cluster-spring-boot-starter
 */
public final class ThreadDumps {

	private static final Log logger = LogFactory.getLog(ThreadDumps.class);

	private ThreadDumps() {
	}

	public static void request(long pid) {
		try {
			new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
		}
		catch (IOException ex) {
			logger.warn("Could not request a thread dump of pid " + pid + " (no 'kill' command?)", ex);
		}
	}

}
