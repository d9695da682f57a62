package dev.clusterboot.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;

import dev.clusterboot.api.status.LeadershipScope;

/**
 * Whether this worker is the cluster's leader, on which leader-only {@code @Scheduled}
 * methods run. Its master names one serving worker its host's leader
 * ({@link LeadershipScope#HOST}); without a shared lock that is the cluster's leader. With
 * {@code cluster.leadership.lock} set, the scope is {@link LeadershipScope#ALL_HOSTS}:
 * only the host's leader that holds the shared lock leads, and only while its lease on
 * the lock holds. Each change of either lead is published as a
 * {@link ClusterLeadershipEvent} that names its scope, and, where Spring Integration is
 * on the class path, a change of the lead at {@link #getScope()} as its
 * {@code OnGrantedEvent} or {@code OnRevokedEvent} for the role {@value #ROLE}.
 * <p>
 * {@link #isLeader()} changes the moment the master's message arrives or the lock is
 * taken or lost; the events follow on a thread of their own, in order, so that a slow
 * listener delays neither the master's next message nor the check a scheduled run
 * makes.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterLeadership implements ApplicationEventPublisherAware, DisposableBean {

	/**
	 * The role named in Spring Integration's leader events.
	 */
	public static final String ROLE = "cluster";

	private static final Log logger = LogFactory.getLog(ClusterLeadership.class);

	private final ExecutorService events = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "cluster-leadership-events");
		thread.setDaemon(true);
		return thread;
	});

	private final LeadershipScope scope;

	private final BooleanSupplier lease;

	private volatile boolean hostLeader;

	private volatile boolean allHostsLeader;

	private volatile @Nullable ApplicationEventPublisher publisher;

	/**
	 * Create the leadership of a worker whose host's leader is the cluster's leader.
	 */
	public ClusterLeadership() {
		this(LeadershipScope.HOST, () -> true);
	}

	/**
	 * Create the leadership of a worker.
	 * @param scope the lead that makes this worker the cluster's leader
	 * @param lease asked at each {@link #isLeader()} while the lead across hosts is
	 * granted: whether it still holds (the shared lock's local lease); it must not block
	 */
	public ClusterLeadership(LeadershipScope scope, BooleanSupplier lease) {
		this.scope = scope;
		this.lease = lease;
	}

	/**
	 * Return the lead that makes this worker the cluster's leader.
	 * @return {@link LeadershipScope#HOST} without a shared lock,
	 * {@link LeadershipScope#ALL_HOSTS} with one
	 */
	public LeadershipScope getScope() {
		return this.scope;
	}

	/**
	 * Return whether this worker is the cluster's leader: it has the lead at
	 * {@link #getScope()}. A volatile read (and, across hosts, a clock read), never a
	 * blocking call.
	 * @return {@code true} on the leader
	 */
	public boolean isLeader() {
		return isLeader(this.scope);
	}

	/**
	 * Return whether this worker has the lead at a scope: its host's lead, as its master
	 * named it, or the lead across hosts, while its lease on the shared lock holds.
	 * @param scope the scope
	 * @return {@code true} with the lead at that scope
	 */
	public boolean isLeader(LeadershipScope scope) {
		return has(scope) && (scope == LeadershipScope.HOST || this.lease.getAsBoolean());
	}

	private boolean has(LeadershipScope scope) {
		return (scope == LeadershipScope.HOST) ? this.hostLeader : this.allHostsLeader;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * This worker now has the lead at a scope: its master named it its host's leader, or
	 * it took the shared lock.
	 * @param scope the lead it has now
	 * @throws IllegalArgumentException for the lead across hosts without a shared lock
	 */
	public synchronized void granted(LeadershipScope scope) {
		if (scope.compareTo(this.scope) > 0) {
			throw new IllegalArgumentException("No lead across hosts without a shared lock (cluster.leadership.lock)");
		}
		if (!has(scope)) {
			set(scope, true);
			logger.info("This worker is now " + describe(scope));
			publish(new ClusterLeadershipEvent.Granted(this, scope));
		}
	}

	/**
	 * This worker no longer has the lead at a scope: the master said so, the shared lock
	 * or its lease was lost, or the worker is leaving.
	 * @param scope the lead it lost
	 */
	public synchronized void revoked(LeadershipScope scope) {
		if (has(scope)) {
			set(scope, false);
			logger.info("This worker is no longer " + describe(scope));
			publish(new ClusterLeadershipEvent.Revoked(this, scope));
		}
	}

	private void set(LeadershipScope scope, boolean lead) {
		if (scope == LeadershipScope.HOST) {
			this.hostLeader = lead;
		}
		else {
			this.allHostsLeader = lead;
		}
	}

	private String describe(LeadershipScope scope) {
		if (scope == LeadershipScope.ALL_HOSTS) {
			return "the cluster's leader across hosts";
		}
		return (this.scope == LeadershipScope.HOST) ? "the cluster's leader" : "its host's leader";
	}

	private void publish(ClusterLeadershipEvent event) {
		ApplicationEventPublisher current = this.publisher;
		if (current == null || this.events.isShutdown()) {
			return;
		}
		this.events.execute(() -> {
			try {
				current.publishEvent(event);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on " + event.getClass().getSimpleName(), ex);
			}
		});
	}

	@Override
	public synchronized void destroy() {
		this.hostLeader = false;
		this.allHostsLeader = false;
		this.events.shutdown();
	}

}
