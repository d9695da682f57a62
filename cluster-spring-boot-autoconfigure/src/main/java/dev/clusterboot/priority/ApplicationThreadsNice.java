package dev.clusterboot.priority;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.WorkerEnvironment;

/**
 * Runs a worker's application threads below the JVM's own threads, inside the worker's
 * Linux autogroup. Under load, dozens of busy request threads each get the same share of
 * the CPU as the JIT's compiler thread, so a new JVM compiles its hot code over minutes
 * while it serves at a fraction of its speed. Once the application has started (its
 * context refreshed, before the warm-up and before any runner), every thread of the
 * application's thread group moves to a higher nice value, and every thread they start
 * later (the web server's as they are needed, the application's own) inherits it. The
 * threads the JVM runs for itself (JIT compilers, garbage collector, VM thread) are no Java
 * threads and keep their nice value, so the JIT gets the CPU whenever it has work, and a
 * garbage collection is not slowed. The start itself is left alone: there the JIT would
 * take the CPU from the thread that creates the beans, and the start would take longer.
 * <p>
 * The master asks for it through {@value WorkerEnvironment#APPLICATION_THREADS_NICE_VARIABLE},
 * and only for workers in an autogroup of their own, where threads' nice values weigh only
 * against the same worker's threads: outside one they would lower the whole worker
 * against every other process. Raising one's own nice value needs no privilege. Anything
 * that fails leaves the threads as they were.
 *
 * @author cluster-spring-boot-starter
 */
public final class ApplicationThreadsNice {

	private static final Log logger = LogFactory.getLog(ApplicationThreadsNice.class);

	/**
	 * The longest thread name Linux keeps ({@code /proc/PID/task/TID/comm}); the JVM gives
	 * each Java thread its name cut to that.
	 */
	private static final int COMM_LENGTH = 15;

	private ApplicationThreadsNice() {
	}

	/**
	 * Apply the steps the master asked for, if it asked, to the threads of a thread group.
	 * @param environment the process's environment
	 * @param proc the {@code /proc} directory
	 * @param group the application's thread group, whose threads and subgroups' threads
	 * move
	 */
	public static void applyToThreadsOf(Map<String, String> environment, Path proc, ThreadGroup group) {
		Integer steps = steps(environment.get(WorkerEnvironment.APPLICATION_THREADS_NICE_VARIABLE));
		if (steps == null || steps == 0 || !Files.isDirectory(proc.resolve("self").resolve("task"))) {
			return;
		}
		Path renice = ReniceThreadPriorities.findRenice(environment.get("PATH"));
		Integer nice = ReniceThreadPriorities.niceOf(ProcFiles.read(proc.resolve("self").resolve("stat")));
		if (renice == null || nice == null) {
			logger.debug("Application threads keep their nice value: renice " + renice + ", nice " + nice);
			return;
		}
		int target = target(nice, steps);
		boolean done = new ReniceThreadPriorities(renice, proc).setNice(ProcessHandle.current().pid(), target,
				(name) -> namesOf(group).contains(name));
		logger.debug("Application threads of " + group.getName() + " run at nice " + target + (done ? "" : ": refused"));
	}

	/**
	 * The nice value for the application's threads.
	 * @param current the process's nice value, which the JVM's own threads share
	 * @param steps how many steps above it
	 * @return the nice value, at most 19
	 */
	static int target(int current, int steps) {
		return Math.min(19, current + steps);
	}

	/**
	 * Read the steps from the variable's value.
	 * @param value the value, or {@code null}
	 * @return the steps from 0 to 19, or {@code null} when the value is absent or not one
	 */
	static @Nullable Integer steps(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			int steps = Integer.parseInt(value.trim());
			return (steps >= 0 && steps <= 19) ? steps : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The names the kernel shows for the threads of a group and of its subgroups.
	 */
	static Set<String> namesOf(ThreadGroup group) {
		Thread[] threads = new Thread[group.activeCount() + 16];
		int count = group.enumerate(threads, true);
		Set<String> names = new HashSet<>();
		for (int i = 0; i < Math.min(count, threads.length); i++) {
			String name = threads[i].getName();
			names.add((name.length() > COMM_LENGTH) ? name.substring(0, COMM_LENGTH) : name);
		}
		return names;
	}

}
