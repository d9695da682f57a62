package dev.clusterboot.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.ClusterRole;

/**
 * Runs a worker's application threads below the JVM's own threads, inside the worker's
 * Linux autogroup. Under load, dozens of busy request threads each get the same share of
 * the CPU as the JIT's compiler thread, so a new JVM compiles its hot code over minutes
 * while it serves at a fraction of its speed. The thread that starts the application
 * (usually {@code main}) moves to a higher nice value before it creates any other; every
 * thread the application starts later (the web server's, the application's) inherits it,
 * while the threads the JVM started for itself (JIT compilers, garbage collector, VM
 * thread) keep theirs, so the JIT gets the CPU whenever it has work, and the garbage
 * collector is not slowed.
 * <p>
 * The master asks for it through {@value ClusterRole#APPLICATION_THREADS_NICE_VARIABLE},
 * and only for workers in an autogroup of their own, where threads' nice values weigh only
 * against the same worker's threads: outside one they would lower the whole worker
 * against every other process. Raising one's own nice value needs no privilege. Anything
 * that fails leaves the thread as it was.
 *
 * @author cluster-spring-boot-starter
 */
final class ApplicationThreadsNice {

	private static final Log logger = LogFactory.getLog(ApplicationThreadsNice.class);

	private ApplicationThreadsNice() {
	}

	/**
	 * Apply the steps the master asked for, if it asked, to the calling thread.
	 * @param environment the process's environment
	 * @param proc the {@code /proc} directory
	 */
	static void applyToThisThread(Map<String, String> environment, Path proc) {
		Integer steps = steps(environment.get(ClusterRole.APPLICATION_THREADS_NICE_VARIABLE));
		if (steps == null || steps == 0) {
			return;
		}
		String thread = threadId(proc);
		if (thread == null) {
			return; // not Linux
		}
		Path renice = ReniceThreadPriorities.findRenice(environment.get("PATH"));
		Integer nice = ReniceThreadPriorities.niceOf(ProcFiles.read(proc.resolve("thread-self").resolve("stat")));
		if (renice == null || nice == null) {
			logger.debug("Application threads keep their nice value: renice " + renice + ", thread " + thread);
			return;
		}
		int target = target(nice, steps);
		boolean done = new ReniceThreadPriorities(renice, proc).renice(target, List.of(thread));
		logger.debug("Application threads run at nice " + target + " from thread " + thread + (done ? "" : ": refused"));
	}

	/**
	 * The nice value for the application's threads.
	 * @param current the calling thread's nice value, which the JVM's own threads share
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
	 * The calling thread's id, from {@code /proc/thread-self}, a link to
	 * {@code PID/task/TID}.
	 */
	private static @Nullable String threadId(Path proc) {
		try {
			return Files.readSymbolicLink(proc.resolve("thread-self")).getFileName().toString();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
	}

}
