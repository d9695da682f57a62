package dev.clusterboot.leadership;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.ClusterLeadershipEvent;

/**
 * Publishes each change of this worker's {@link ClusterLeadership} again as Spring
 * Integration's {@link OnGrantedEvent} or {@link OnRevokedEvent}, for the role
 * {@value ClusterLeadership#ROLE}: what Spring Integration's own leader initiators publish,
 * so that listeners written for them, and its {@code SmartLifecycleRoleController}, work
 * in a cluster. Only the lead that makes this worker the cluster's leader counts: with a
 * shared lock, the lead across hosts, not the host's lead the master grants first. The
 * events' {@link Context#yield()} does nothing: the master, and the shared lock, decide
 * who leads.
 *
 * @author cluster-spring-boot-starter
 */
public class SpringIntegrationLeaderEvents implements ApplicationListener<ClusterLeadershipEvent> {

	private final ApplicationEventPublisher publisher;

	/**
	 * Create the bridge.
	 * @param publisher where to publish Spring Integration's events
	 */
	public SpringIntegrationLeaderEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(ClusterLeadershipEvent event) {
		ClusterLeadership leadership = event.getLeadership();
		if (event.getScope() != leadership.getScope()) {
			return;
		}
		Context context = new Context() {

			@Override
			public boolean isLeader() {
				return leadership.isLeader();
			}

			@Override
			public String getRole() {
				return ClusterLeadership.ROLE;
			}

			@Override
			public String toString() {
				return "ClusterLeadership[role=" + ClusterLeadership.ROLE + ", leader=" + isLeader() + "]";
			}

		};
		this.publisher.publishEvent(event.isLeader() ? new OnGrantedEvent(leadership, context, ClusterLeadership.ROLE)
				: new OnRevokedEvent(leadership, context, ClusterLeadership.ROLE));
	}

}
