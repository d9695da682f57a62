package dev.clusterboot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.clusterboot.steering.ClusterSteeringProperties;
import dev.clusterboot.steering.SteeringMode;

/**
 * Matches when {@code cluster.steering.mode} is a mode other than
 * {@link SteeringMode#OFF off}, bound as the properties bind it (any case), or is not set:
 * the master steers by default.
 *
 * @author cluster-spring-boot-starter
 */
class OnSteeringModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		SteeringMode mode = Binder.get(context.getEnvironment())
			.bind("cluster.steering.mode", SteeringMode.class)
			.orElse(ClusterSteeringProperties.DEFAULT_MODE);
		return (mode != SteeringMode.OFF) ? ConditionOutcome.match("cluster.steering.mode is " + mode)
				: ConditionOutcome.noMatch("cluster.steering.mode is off");
	}

}
