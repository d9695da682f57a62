package dev.clusterboot.sample;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} methods for the sample, in a configuration of its own so
 * that the application class stays as Boot generates it. In cluster mode they run on the
 * cluster's leader only ({@code cluster.scheduling.leader-only=all}, the default).
 *
 * @author cluster-spring-boot-starter
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
