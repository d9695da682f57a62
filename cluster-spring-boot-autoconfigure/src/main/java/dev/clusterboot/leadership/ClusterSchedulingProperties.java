package dev.clusterboot.leadership;

/**
 * How a cluster worker runs {@code @Scheduled} methods: which of them run on the
 * cluster's leader only, once per period for the whole cluster. The
 * {@code cluster.scheduling} group of the cluster's properties.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterSchedulingProperties {

	/**
	 * Where this group sits in the cluster's properties, for binding it on its own before
	 * the context's beans exist.
	 */
	public static final String PREFIX = "cluster.scheduling";

	/**
	 * Which @Scheduled methods run on the cluster's leader only: all, marked (those annotated @LeaderOnly), or none.
	 */
	private LeaderOnlyScheduling leaderOnly = LeaderOnlyScheduling.ALL;

	public LeaderOnlyScheduling getLeaderOnly() {
		return this.leaderOnly;
	}

	public void setLeaderOnly(LeaderOnlyScheduling leaderOnly) {
		this.leaderOnly = leaderOnly;
	}

}
