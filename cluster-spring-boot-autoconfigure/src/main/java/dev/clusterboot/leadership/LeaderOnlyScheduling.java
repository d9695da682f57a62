package dev.clusterboot.leadership;

import java.lang.reflect.Method;

import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.clusterboot.api.LeaderOnly;

/**
 * Which {@code @Scheduled} methods of a cluster worker run on the cluster's leader only,
 * as {@code cluster.scheduling.leader-only} chooses.
 *
 * @author cluster-spring-boot-starter
 */
public enum LeaderOnlyScheduling {

	/**
	 * Every {@code @Scheduled} method: each runs once per period for the whole cluster, as
	 * it did in a single process.
	 */
	ALL,

	/**
	 * Only the methods marked {@link LeaderOnly @LeaderOnly}, or declared by a class so
	 * marked; the others run in every worker.
	 */
	MARKED,

	/**
	 * None: every {@code @Scheduled} method runs in every worker.
	 */
	NONE;

	/**
	 * Return whether a {@code @Scheduled} method runs on the leader only. The answer
	 * depends on the method and the class that declares it alone, so that one method
	 * always gets the same answer.
	 * @param method the method
	 * @return {@code true} when it runs on the leader only
	 */
	public boolean appliesTo(Method method) {
		return switch (this) {
			case ALL -> true;
			case MARKED -> AnnotatedElementUtils.hasAnnotation(method, LeaderOnly.class)
					|| AnnotatedElementUtils.hasAnnotation(method.getDeclaringClass(), LeaderOnly.class);
			case NONE -> false;
		};
	}

}
