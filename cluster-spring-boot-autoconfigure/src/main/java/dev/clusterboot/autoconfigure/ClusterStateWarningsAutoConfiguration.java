package dev.clusterboot.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.api.StateDetector;
import dev.clusterboot.caches.LocalCacheDetector;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.leadership.ScheduledMethodsDetector;
import dev.clusterboot.startup.ClusterProperties;
import dev.clusterboot.statewarnings.InMemoryDatabaseDetector;
import dev.clusterboot.statewarnings.InMemorySessionsDetector;
import dev.clusterboot.statewarnings.StateWarningReporter;

/**
 * Auto-configuration of a worker's search for state that it keeps on its own (an
 * in-memory database, local caches, {@code @Scheduled} methods), sent once to the
 * master when the context is ready, and HTTP sessions kept in memory, sent when the
 * application creates its first one. The master warns once for the cluster,
 * and only when more than one worker runs. Each kind is silenced by its
 * {@code cluster.state-warnings.*} property; an application can add a
 * {@link StateDetector} bean of its own.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClusterWorker
@ConditionalOnBean(WorkerAgent.class)
@EnableConfigurationProperties(ClusterProperties.class)
public final class ClusterStateWarningsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StateWarningReporter clusterStateWarningReporter(ObjectProvider<StateDetector> detectors, MasterLink master,
			ClusterProperties properties) {
		return new StateWarningReporter(detectors.orderedStream()
			.filter((detector) -> properties.getStateWarnings().isEnabled(detector.kind()))
			.toList(), master);
	}

	@Bean
	@ConditionalOnMissingBean
	InMemoryDatabaseDetector clusterInMemoryDatabaseDetector() {
		return new InMemoryDatabaseDetector();
	}

	@Bean
	@ConditionalOnMissingBean
	LocalCacheDetector clusterLocalCacheDetector() {
		return new LocalCacheDetector();
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduledMethodsDetector clusterScheduledMethodsDetector() {
		return new ScheduledMethodsDetector();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty(name = "cluster.state-warnings.sessions", matchIfMissing = true)
	static class ServletSessionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InMemorySessionsDetector clusterInMemorySessionsDetector(ListableBeanFactory beans,
				StateWarningReporter reporter) {
			return new InMemorySessionsDetector(beans, reporter::report);
		}

	}

}
