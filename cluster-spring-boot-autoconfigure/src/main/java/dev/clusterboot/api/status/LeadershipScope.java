package dev.clusterboot.api.status;

/**
 * How far a worker's lead reaches: over the workers of its own host, as its master
 * names it, or over every host, as the holder of the shared lock that
 * {@code cluster.leadership.lock} names.
 *
 * @author cluster-spring-boot-starter
 * @see dev.clusterboot.api.ClusterLeadership#getScope()
 * @see dev.clusterboot.api.ClusterLeadershipEvent#getScope()
 */
public enum LeadershipScope {

	/**
	 * The lead over the workers of one host (one master): the master names one of its
	 * serving workers. Without a shared lock, this lead is the cluster's lead.
	 */
	HOST,

	/**
	 * The lead over every host: the host's leader that holds the shared lock. With
	 * {@code cluster.leadership.lock} set, only this lead runs leader-only
	 * {@code @Scheduled} methods.
	 */
	ALL_HOSTS

}
