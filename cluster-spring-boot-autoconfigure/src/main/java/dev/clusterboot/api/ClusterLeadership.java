package dev.clusterboot.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;

/**
 * Whether this worker is the cluster's leader: the one serving worker the master names,
 * on which leader-only {@code @Scheduled} methods run. It changes when the master says so
 * on the control channel; each change is published as a {@link ClusterLeadershipEvent},
 * and, where Spring Integration is on the class path, as its {@code OnGrantedEvent} or
 * {@code OnRevokedEvent} for the role {@value #ROLE}.
 * <p>
 * {@link #isLeader()} changes the moment the master's message arrives; the events follow
 * on a thread of their own, in order, so that a slow listener delays neither the master's
 * next message nor the check a scheduled run makes.
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

	private volatile boolean leader;

	private volatile @Nullable ApplicationEventPublisher publisher;

	/**
	 * Return whether the master has named this worker the leader and not revoked it since.
	 * @return {@code true} on the leader
	 */
	public boolean isLeader() {
		return this.leader;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * The master named this worker the leader.
	 */
	public synchronized void granted() {
		if (!this.leader) {
			this.leader = true;
			logger.info("This worker is now the cluster's leader");
			publish(new ClusterLeadershipEvent.Granted(this));
		}
	}

	/**
	 * This worker is no longer the leader: the master said so, or the worker is leaving.
	 */
	public synchronized void revoked() {
		if (this.leader) {
			this.leader = false;
			logger.info("This worker is no longer the cluster's leader");
			publish(new ClusterLeadershipEvent.Revoked(this));
		}
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
		this.leader = false;
		this.events.shutdown();
	}

}
