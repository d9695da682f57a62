package dev.clusterboot.api;

import org.springframework.context.ApplicationEvent;

import dev.clusterboot.api.status.LeadershipScope;

/**
 * Published when this worker gains or loses a lead, in the order it changed, on a thread
 * of its own (never the thread that reads the master's messages). Listen with
 * {@code @EventListener} to either kind, or to both through this type.
 * <p>
 * {@link #getScope()} says which lead changed. Without a shared lock there is only the
 * {@link LeadershipScope#HOST host's lead}, which the master grants and revokes. With
 * {@code cluster.leadership.lock} set, the host's leader is granted
 * {@link LeadershipScope#HOST} first and, once it holds the shared lock,
 * {@link LeadershipScope#ALL_HOSTS}: only the latter runs leader-only jobs, so a listener
 * that acts for the whole cluster checks that
 * {@code event.getScope() == event.getLeadership().getScope()}.
 *
 * @author cluster-spring-boot-starter
 * @see ClusterLeadership
 */
public abstract sealed class ClusterLeadershipEvent extends ApplicationEvent
		permits ClusterLeadershipEvent.Granted, ClusterLeadershipEvent.Revoked {

	private final LeadershipScope scope;

	private ClusterLeadershipEvent(ClusterLeadership source, LeadershipScope scope) {
		super(source);
		this.scope = scope;
	}

	/**
	 * Return which lead was granted or revoked.
	 * @return the host's lead, or the lead across hosts
	 */
	public LeadershipScope getScope() {
		return this.scope;
	}

	/**
	 * Return the leadership that changed.
	 * @return this worker's leadership
	 */
	public ClusterLeadership getLeadership() {
		return (ClusterLeadership) getSource();
	}

	/**
	 * Return whether this worker has the lead of {@link #getScope()} after this change.
	 * @return {@code true} for {@link Granted}
	 */
	public abstract boolean isLeader();

	/**
	 * This worker now has a lead; when it is the lead at
	 * {@link ClusterLeadership#getScope()}, leader-only {@code @Scheduled} methods run
	 * here from now on.
	 */
	public static final class Granted extends ClusterLeadershipEvent {

		Granted(ClusterLeadership source, LeadershipScope scope) {
			super(source, scope);
		}

		@Override
		public boolean isLeader() {
			return true;
		}

	}

	/**
	 * This worker no longer has a lead; when it was the lead at
	 * {@link ClusterLeadership#getScope()}, leader-only {@code @Scheduled} methods no
	 * longer start here (a run in progress finishes).
	 */
	public static final class Revoked extends ClusterLeadershipEvent {

		Revoked(ClusterLeadership source, LeadershipScope scope) {
			super(source, scope);
		}

		@Override
		public boolean isLeader() {
			return false;
		}

	}

}
