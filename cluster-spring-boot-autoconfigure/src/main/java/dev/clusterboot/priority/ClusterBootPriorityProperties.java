package dev.clusterboot.priority;

import dev.clusterboot.properties.PropertyBounds;

/**
 * How the master gives a booting worker JVM the CPU under load: the serving workers
 * run at a lower priority (a higher nice value) while any worker boots; and, inside each
 * worker, how the JIT gets the CPU before the application's threads.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterBootPriorityProperties {

	/**
	 * Whether the master lowers the serving workers' priority while a worker JVM boots.
	 */
	private boolean enabled = true;

	/**
	 * Nice value the serving workers' threads get while a worker JVM boots, counted from
	 * the master's own nice value (usually 0). From 1 to 19; the result never exceeds 19.
	 */
	private int servingNice = 10;

	/**
	 * How many steps of nice value each worker's application threads (its request
	 * threads, and every thread once the application has started) run above the JVM's own
	 * threads (JIT compilers, garbage collector), so that under load the JIT compiles the
	 * hot code in about a minute rather than several. Applies where each worker runs in a Linux autogroup of its own, inside
	 * which nice values weigh only the worker's threads against each other. From 0 (off)
	 * to 19.
	 */
	private int applicationThreadsNice = 10;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getServingNice() {
		return this.servingNice;
	}

	public void setServingNice(int servingNice) {
		this.servingNice = PropertyBounds.check("cluster.boot-priority.serving-nice", servingNice, 1, 19);
	}

	public int getApplicationThreadsNice() {
		return this.applicationThreadsNice;
	}

	public void setApplicationThreadsNice(int applicationThreadsNice) {
		this.applicationThreadsNice = PropertyBounds.check("cluster.boot-priority.application-threads-nice",
				applicationThreadsNice, 0, 19);
	}

}
