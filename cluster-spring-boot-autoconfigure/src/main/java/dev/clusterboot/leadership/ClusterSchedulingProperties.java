package dev.clusterboot.leadership;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a cluster worker runs {@code @Scheduled} methods: which of them run on the
 * cluster's leader only, once per period for the whole cluster.
 *
 * @author cluster-spring-boot-starter
 */
@ConfigurationProperties(ClusterSchedulingProperties.PREFIX)
public class ClusterSchedulingProperties {

	/**
	 * The prefix of these properties.
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
