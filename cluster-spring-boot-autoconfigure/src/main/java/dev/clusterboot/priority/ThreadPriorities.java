package dev.clusterboot.priority;

/**
 * Changes the scheduling priority of a process's threads, for the master's
 * {@link BootPriorityPolicy boot priority}. On Linux a nice value belongs to each thread,
 * and a new thread inherits its creator's, so setting every current thread of a process
 * also sets the threads it starts later.
 *
 * @author cluster-spring-boot-starter
 */
@FunctionalInterface
public interface ThreadPriorities {

	/**
	 * Set the nice value of every thread of a process.
	 * @param pid the process
	 * @param nice the nice value, -20 to 19
	 * @return {@code false} when the operating system refused (for example raising a
	 * priority without the right to); {@code true} when the threads have that nice value,
	 * or the process is gone
	 */
	boolean setNice(long pid, int nice);

	/**
	 * Whether each worker runs in a Linux autogroup of its own (a session of its own),
	 * whose nice value this sets along with its threads': the scheduler then shares the
	 * CPU between processes before it shares it between threads.
	 * @return {@code true} for autogroups; {@code false} by default
	 */
	default boolean autogroups() {
		return false;
	}

	/**
	 * How many steps of nice value each worker's application threads run above the JVM's
	 * own threads (JIT compilers, garbage collector), inside the worker's autogroup.
	 * @return the steps; 0 where they all run at the same nice value, the default
	 */
	default int applicationThreadsNice() {
		return 0;
	}

}
