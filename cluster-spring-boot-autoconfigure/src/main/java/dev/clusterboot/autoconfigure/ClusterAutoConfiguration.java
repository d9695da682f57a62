package dev.clusterboot.autoconfigure;

import org.apache.coyote.http11.Http11NioProtocol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.clusterboot.worker.ClusterStatusClient;
import dev.clusterboot.worker.PortGroupMember;
import dev.clusterboot.worker.WorkerAgent;
import dev.clusterboot.worker.WorkerIdentity;
import dev.clusterboot.worker.tomcat.TomcatPortGroupMember;
import dev.clusterboot.worker.tomcat.TomcatReusePortCustomizer;

/**
 * Auto-configuration of a cluster worker: its link to the
 * master and its shared port. Nothing here applies to the master, which never creates an
 * application context, nor to a single process.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ApplicationAvailabilityAutoConfiguration.class)
@ConditionalOnClusterWorker
@EnableConfigurationProperties(ClusterProperties.class)
public final class ClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkerIdentity clusterWorkerIdentity(Environment environment) {
		return WorkerIdentity.from(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerAgent clusterWorkerAgent(WorkerIdentity identity, ApplicationAvailability availability,
			ClusterProperties properties, ObjectProvider<PortGroupMember> portGroup) {
		return new WorkerAgent(identity, availability, properties.getHeartbeat().getInterval(),
				portGroup.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterStatusClient clusterStatusClient(WorkerIdentity identity) {
		return new ClusterStatusClient(identity.controlSocket());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatWebServerFactory.class, Http11NioProtocol.class })
	static class TomcatReusePortConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatPortGroupMember clusterTomcatPortGroupMember() {
			return new TomcatPortGroupMember();
		}

		@Bean
		@ConditionalOnMissingBean
		TomcatReusePortCustomizer clusterTomcatReusePortCustomizer(TomcatPortGroupMember member) {
			return new TomcatReusePortCustomizer(member);
		}

	}

}
