package dev.clusterboot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.clusterboot.leadership.ClusterLeadershipProperties;

/**
 * Matches when {@code cluster.leadership.lock} names a lock, whatever the name: unlike
 * {@code @ConditionalOnProperty}, a lock named {@code false} is a lock too.
 *
 * @author cluster-spring-boot-starter
 */
class OnSharedLockCondition extends SpringBootCondition {

	private static final String PROPERTY = ClusterLeadershipProperties.PREFIX + ".lock";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String lock = Binder.get(context.getEnvironment()).bind(PROPERTY, String.class).orElse(null);
		return StringUtils.hasText(lock) ? ConditionOutcome.match(PROPERTY + " is '" + lock + "'")
				: ConditionOutcome.noMatch(PROPERTY + " is not set");
	}

}
