package dev.clusterboot.priority;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.channel.WorkerEnvironment;

/**
 * Sets up the master's boot priority from {@code cluster.boot-priority.*} and what this
 * process may do: finds {@code /proc} and the {@code renice} command, reads the master's
 * nice value and its right to raise a priority back, and logs one line saying what the
 * master will do to the workers' priorities.
 *
 * @author cluster-spring-boot-starter
 */
public final class BootPriorityStartup {

	private static final Log logger = LogFactory.getLog(BootPriorityStartup.class);

	private static final Path PROC = Path.of("/proc");

	private BootPriorityStartup() {
	}

	/**
	 * Find whether each worker can run in an autogroup of its own, before the first launch.
	 * @param properties {@code cluster.boot-priority.*}
	 * @return what was found; never applies when boot priority is off
	 */
	public static Autogroups autogroups(ClusterBootPriorityProperties properties) {
		if (!properties.isEnabled()) {
			return new Autogroups(null, "cluster.boot-priority.enabled=false");
		}
		return Autogroups.detect(PROC, System.getenv("PATH"));
	}

	/**
	 * The variables that tell each worker how to run its application's threads: where
	 * workers run in autogroups of their own, below the JVM's own threads by
	 * {@code cluster.boot-priority.application-threads-nice} steps.
	 * @param properties {@code cluster.boot-priority.*}
	 * @param autogroups what was found about autogroups
	 * @return the variables, empty when the threads all keep the same nice value
	 */
	public static Map<String, String> workerEnvironment(ClusterBootPriorityProperties properties, Autogroups autogroups) {
		int steps = applicationThreadsNice(properties, autogroups);
		return (steps > 0) ? Map.of(WorkerEnvironment.APPLICATION_THREADS_NICE_VARIABLE, Integer.toString(steps)) : Map.of();
	}

	private static int applicationThreadsNice(ClusterBootPriorityProperties properties, Autogroups autogroups) {
		return (properties.isEnabled() && autogroups.apply()) ? properties.getApplicationThreadsNice() : 0;
	}

	/**
	 * Decide what the master does to its workers' priorities, from
	 * {@code cluster.boot-priority.*} and what this process may do, and say so once in the
	 * log.
	 * @param properties {@code cluster.boot-priority.*}
	 * @param autogroups what was found about autogroups
	 * @return the boot priority for the master to apply
	 */
	public static BootPriority configure(ClusterBootPriorityProperties properties, Autogroups autogroups) {
		boolean proc = Files.isDirectory(PROC.resolve("self").resolve("task"));
		Path renice = proc ? ReniceThreadPriorities.findRenice(System.getenv("PATH")) : null;
		Integer masterNice = proc ? ReniceThreadPriorities.niceOf(ProcFiles.read(PROC.resolve("self").resolve("stat"))) : null;
		boolean available = (renice != null || autogroups.apply()) && masterNice != null;
		int nice = (masterNice != null) ? masterNice : 0;
		// any user may raise an autogroup's priority back within 0 to 19
		boolean canRaise = available && (autogroups.apply() || NicePrivileges.canRaiseTo(
				Objects.toString(ProcFiles.read(PROC.resolve("self").resolve("status")), ""),
				Objects.toString(ProcFiles.read(PROC.resolve("self").resolve("limits")), ""), nice));
		BootPriorityMode mode = NicePrivileges.mode(properties.isEnabled(), available, canRaise);
		int serving = Math.min(19, nice + properties.getServingNice());
		int steps = applicationThreadsNice(properties, autogroups);
		if (mode == BootPriorityMode.LOWER_AND_RESTORE || mode == BootPriorityMode.LOWER_ONLY) {
			logger.info(autogroups.apply() ? "Each worker runs in a session of its own (" + autogroups.setsid()
					+ "), so that Linux's autogroup scheduler shares the CPU between workers before it shares it "
					+ "between their threads; the master sets each serving worker's autogroup nice"
					+ ((steps > 0) ? ", and inside it each worker runs its application's threads " + steps
							+ " steps of nice "
							+ "below the JVM's own (JIT compilers, garbage collector), so that the JIT is not starved "
							+ "by request threads (cluster.boot-priority.application-threads-nice)" : "")
					: "Workers run in the master's session, as autogroups do not apply (" + autogroups.reason()
							+ "); the master sets the nice value of the serving workers' threads");
		}
		switch (mode) {
			case LOWER_AND_RESTORE -> logger.info("Boot priority " + mode + ": while a worker JVM boots, serving "
					+ "workers run at nice " + serving + " and booting ones at the master's nice " + nice
					+ "; serving workers get nice " + nice + " back when no boot runs, and a standby runs at nice "
					+ serving + " until it is promoted "
					+ "(cluster.boot-priority.enabled=false turns this off)");
			case LOWER_ONLY -> logger.info("Boot priority " + mode + ": while a worker JVM boots, serving workers run "
					+ "at nice " + serving + " and booting ones at the master's nice " + nice + "; without "
					+ "CAP_SYS_NICE or a RLIMIT_NICE allowing nice " + nice + " they cannot get it back, so they stay "
					+ "at nice " + serving + " and each newly ready worker joins them; a standby runs at nice "
					+ serving + " until it is promoted "
					+ "(cluster.boot-priority.enabled=false turns this off)");
			case OFF -> logger.info("Boot priority OFF (cluster.boot-priority.enabled=false): workers keep the "
					+ "master's priority, and a booting JVM competes with the serving workers for the CPU");
			case UNAVAILABLE -> {
				if (proc && properties.isEnabled()) {
					logger.warn("Boot priority UNAVAILABLE: no 'renice' command on the PATH (util-linux or BusyBox), "
							+ "so a worker JVM booting under load competes with the serving workers for the CPU. "
							+ "Install it, or set cluster.boot-priority.enabled=false to silence this warning");
				}
				else {
					logger.info("Boot priority UNAVAILABLE: this platform has no /proc/PID/task to change workers' "
							+ "thread priorities");
				}
			}
		}
		ThreadPriorities threads = (renice != null) ? new ReniceThreadPriorities(renice, PROC) : (pid, value) -> true;
		return new BootPriority(new BootPriorityPolicy(mode, nice, properties.getServingNice()),
				autogroups.apply() ? new AutogroupPriorities(PROC, nice, threads, steps) : threads);
	}

}
