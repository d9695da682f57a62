package dev.clusterboot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

import dev.clusterboot.api.ClusterRole;

/**
 * Matches only in a cluster worker: a process whose environment has
 * {@value ClusterRole#WORKER_ID_VARIABLE}, set by the master that launched it.
 *
 * @author cluster-spring-boot-starter
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnClusterWorkerCondition.class)
public @interface ConditionalOnClusterWorker {

}
