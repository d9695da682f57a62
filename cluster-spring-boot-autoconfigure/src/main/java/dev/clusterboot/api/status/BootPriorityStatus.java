package dev.clusterboot.api.status;

/**
 * How the master treats the serving workers' priority while a worker JVM boots.
 *
 * @param mode what the master may do
 * @param servingNice the nice value serving workers get while a JVM boots
 * @param masterNice the master's own nice value, which booting workers keep
 * @param lowered whether the serving workers run at {@code servingNice} now
 * @param autogroups whether each worker runs in a session, and so a Linux autogroup, of
 * its own, whose nice value the master sets: the scheduler then shares the CPU between
 * workers before it shares it between their threads
 * @param applicationThreadsNice how many steps of nice value each worker's application
 * threads run above the JVM's own (JIT compilers, garbage collector) inside its
 * autogroup; 0 where they run at the same
 * @author cluster-spring-boot-starter
 */
public record BootPriorityStatus(BootPriorityMode mode, int servingNice, int masterNice, boolean lowered,
		boolean autogroups, int applicationThreadsNice) {

	/**
	 * The status of a master that does not change priorities.
	 */
	public static final BootPriorityStatus OFF = new BootPriorityStatus(BootPriorityMode.OFF, 0, 0, false, false, 0);

}
