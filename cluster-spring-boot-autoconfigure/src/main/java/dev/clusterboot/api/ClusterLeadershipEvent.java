package dev.clusterboot.api;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the master grants this worker the cluster's leadership or revokes it,
 * in the order the master decided, on a thread of its own (never the thread that reads
 * the master's messages). Listen with {@code @EventListener} to either kind, or to both
 * through this type.
 *
 * @author cluster-spring-boot-starter
 * @see ClusterLeadership
 */
public abstract sealed class ClusterLeadershipEvent extends ApplicationEvent
		permits ClusterLeadershipEvent.Granted, ClusterLeadershipEvent.Revoked {

	private ClusterLeadershipEvent(ClusterLeadership source) {
		super(source);
	}

	/**
	 * Return the leadership that changed.
	 * @return this worker's leadership
	 */
	public ClusterLeadership getLeadership() {
		return (ClusterLeadership) getSource();
	}

	/**
	 * Return whether this worker leads after this change.
	 * @return {@code true} for {@link Granted}
	 */
	public abstract boolean isLeader();

	/**
	 * This worker is now the cluster's leader: leader-only {@code @Scheduled} methods run
	 * here from now on.
	 */
	public static final class Granted extends ClusterLeadershipEvent {

		Granted(ClusterLeadership source) {
			super(source);
		}

		@Override
		public boolean isLeader() {
			return true;
		}

	}

	/**
	 * This worker is no longer the cluster's leader: leader-only {@code @Scheduled}
	 * methods no longer start here (a run in progress finishes).
	 */
	public static final class Revoked extends ClusterLeadershipEvent {

		Revoked(ClusterLeadership source) {
			super(source);
		}

		@Override
		public boolean isLeader() {
			return false;
		}

	}

}
