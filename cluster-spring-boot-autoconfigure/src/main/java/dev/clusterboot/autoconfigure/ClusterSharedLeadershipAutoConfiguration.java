package dev.clusterboot.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.integration.support.locks.LockRegistry;

import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.WorkerMessageHandlers;
import dev.clusterboot.leadership.ClusterLeadershipProperties;
import dev.clusterboot.leadership.shared.SharedLockContender;
import dev.clusterboot.startup.ClusterProperties;

/**
 * Auto-configuration of one leader across hosts, with {@code cluster.leadership.lock}
 * set and Spring Integration on the class path: the worker its master names its host's
 * leader contends for that lock in the application's {@link LockRegistry}, and the
 * {@link ClusterLeadership} bean counts it the cluster's leader only while it holds the
 * lock. Without the property, {@link ClusterLeadershipAutoConfiguration} gives each host
 * a leader of its own, as before; with it but without Spring Integration, that one fails
 * the start.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class, before = ClusterLeadershipAutoConfiguration.class)
@ConditionalOnClusterWorker
@ConditionalOnBean(WorkerAgent.class)
@ConditionalOnClass(LockRegistry.class)
@Conditional(OnSharedLockCondition.class)
public final class ClusterSharedLeadershipAutoConfiguration {

	@Bean
	SharedLockContender clusterSharedLockContender(ListableBeanFactory beans, ClusterProperties properties,
			MasterLink master, WorkerMessageHandlers handlers) {
		ClusterLeadershipProperties leadership = properties.getLeadership();
		SharedLockContender contender = SharedLockContender.create(beans, String.valueOf(leadership.getLock()),
				leadership.getLockTimeToLive(), master);
		handlers.register(ControlMessage.GrantLeadership.class, (grant) -> contender.hostGranted());
		handlers.register(ControlMessage.RevokeLeadership.class, (revoke) -> contender.hostRevoked());
		handlers.onMasterGone(contender::hostRevoked);
		return contender;
	}

	@Bean
	ClusterLeadership clusterLeadership(SharedLockContender contender) {
		return contender.leadership();
	}

}
