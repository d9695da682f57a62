package dev.clusterboot.bootstrap;

/**
 * How the master gives a booting worker JVM the CPU under load: the serving workers'
 * threads run at a lower priority (a higher nice value) while any worker boots.
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

}
