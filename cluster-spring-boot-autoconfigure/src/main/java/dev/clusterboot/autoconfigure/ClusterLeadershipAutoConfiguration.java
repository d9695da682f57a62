package dev.clusterboot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.leader.event.OnGrantedEvent;

import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.WorkerMessageHandlers;
import dev.clusterboot.leadership.ClusterLeadershipProperties;
import dev.clusterboot.leadership.ClusterSchedulingProperties;
import dev.clusterboot.leadership.LeaderOnlySchedulingPostProcessor;
import dev.clusterboot.leadership.SpringIntegrationLeaderEvents;
import dev.clusterboot.startup.ClusterProperties;

/**
 * Auto-configuration of a worker's part in the cluster's leadership: the
 * {@link ClusterLeadership} bean that knows whether the master named this worker the
 * leader and publishes each change (unless
 * {@link ClusterSharedLeadershipAutoConfiguration} made it the leadership across hosts),
 * Spring Integration's leader events where it is on the class path, and
 * {@code @Scheduled} methods that run on the leader only, as
 * {@code cluster.scheduling.leader-only} chooses. Nothing here applies outside a cluster
 * worker, and it turns on no scheduling of its own: only an application's
 * {@code @EnableScheduling} schedules anything.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClusterWorker
@ConditionalOnBean(WorkerAgent.class)
public final class ClusterLeadershipAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterLeadership clusterLeadership(WorkerMessageHandlers handlers, ClusterProperties properties) {
		String lock = properties.getLeadership().getLock();
		if (lock != null) {
			throw new InvalidConfigurationPropertyValueException(ClusterLeadershipProperties.PREFIX + ".lock", lock,
					"needs Spring Integration on the class path, with a LockRegistry bean that every host shares "
							+ "(spring-integration-jdbc or spring-integration-redis)");
		}
		ClusterLeadership leadership = new ClusterLeadership();
		handlers.register(ControlMessage.GrantLeadership.class, (grant) -> leadership.granted(LeadershipScope.HOST));
		handlers.register(ControlMessage.RevokeLeadership.class, (revoke) -> leadership.revoked(LeadershipScope.HOST));
		handlers.onMasterGone(() -> leadership.revoked(LeadershipScope.HOST));
		return leadership;
	}

	@Bean
	static LeaderOnlySchedulingPostProcessor clusterLeaderOnlyScheduling(Environment environment) {
		ClusterSchedulingProperties properties = Binder.get(environment)
			.bind(ClusterSchedulingProperties.PREFIX, ClusterSchedulingProperties.class)
			.orElseGet(ClusterSchedulingProperties::new);
		return new LeaderOnlySchedulingPostProcessor(properties.getLeaderOnly());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OnGrantedEvent.class)
	static class SpringIntegrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringIntegrationLeaderEvents clusterSpringIntegrationLeaderEvents(ApplicationEventPublisher publisher) {
			return new SpringIntegrationLeaderEvents(publisher);
		}

	}

}
