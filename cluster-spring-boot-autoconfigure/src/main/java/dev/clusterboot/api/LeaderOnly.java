package dev.clusterboot.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Scheduled} method, or every {@code @Scheduled} method a class declares,
 * to run on the cluster's leader only, once per period for the whole cluster, when
 * {@code cluster.scheduling.leader-only=marked}. With {@code all} (the default) every
 * {@code @Scheduled} method runs on the leader only, marked or not; with {@code none},
 * none does.
 *
 * @author cluster-spring-boot-starter
 * @see ClusterLeadership
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LeaderOnly {

}
