package dev.clusterboot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.clusterboot.api.ClusterRole;

/**
 * The condition behind {@link ConditionalOnClusterWorker}.
 *
 * @author cluster-spring-boot-starter
 */
class OnClusterWorkerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return (ClusterRole.of(context.getEnvironment()) == ClusterRole.WORKER)
				? ConditionOutcome.match("cluster worker " + context.getEnvironment().getProperty(ClusterRole.WORKER_ID_VARIABLE))
				: ConditionOutcome.noMatch("not a cluster worker (" + ClusterRole.WORKER_ID_VARIABLE + " is not set)");
	}

}
