package dev.clusterboot.autoconfigure;

import org.apache.coyote.http11.Http11NioProtocol;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.netty.http.server.HttpServer;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.channel.WorkerMessageHandlers;
import dev.clusterboot.portgroup.ManagementPortGroup;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.PortJoins;
import dev.clusterboot.portgroup.StagedStart;
import dev.clusterboot.portgroup.WebServerSupportCheck;
import dev.clusterboot.portgroup.jetty.JettyPortGroupMember;
import dev.clusterboot.portgroup.jetty.JettyReusePortCustomizer;
import dev.clusterboot.portgroup.netty.NettyPortGroupMember;
import dev.clusterboot.portgroup.netty.NettyReusePortCustomizer;
import dev.clusterboot.portgroup.tomcat.TomcatPortGroupMember;
import dev.clusterboot.portgroup.tomcat.TomcatReusePortCustomizer;
import dev.clusterboot.startup.ClusterProperties;
import dev.clusterboot.warmup.ConfiguredWarmUp;
import dev.clusterboot.warmup.WarmUpBeforeJoin;
import dev.clusterboot.warmup.WarmUpRunner;

/**
 * Auto-configuration of a cluster worker: its link to the
 * master and its shared port. Nothing here applies to the master, which never creates an
 * application context, nor to a single process.
 * <p>
 * Each supported web server has a nested configuration that applies only when that
 * server's factory is in the context, whatever else is on the class path: Boot picks one
 * server per application, and these run after Boot's server auto-configurations so that
 * they see its choice (or the user's own factory bean). A web application whose factory
 * none of them applies to fails to start, before its server binds.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ApplicationAvailabilityAutoConfiguration.class,
		afterName = { "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
				"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
				"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
				"org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration",
				"org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration" })
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
	StagedStart clusterStagedStart(Environment environment, ClusterProperties properties) {
		return new StagedStart(StagedStart.from(environment).requested()
				|| ConfiguredWarmUp.runs(properties.getWorker().getWarmUp()));
	}

	@Bean
	@ConditionalOnMissingBean
	PortJoins clusterPortJoins(WorkerIdentity identity) {
		return PortJoins.inDirectory(identity.controlSocket().toAbsolutePath().getParent());
	}

	@Bean
	@ConditionalOnMissingBean
	ManagementPortGroup clusterManagementPortGroup() {
		return new ManagementPortGroup();
	}

	@Bean
	@ConditionalOnMissingBean
	WarmUpBeforeJoin clusterWarmUpBeforeJoin(WorkerIdentity identity, ClusterProperties properties,
			ObjectProvider<PortGroupMember> portGroup, ManagementPortGroup managementPortGroup,
			Environment environment) {
		WarmUpRunner runner = ConfiguredWarmUp.runner(properties.getWorker().getWarmUp());
		return new WarmUpBeforeJoin(identity.id(), runner, managementPortGroup.alongside(portGroup.getIfAvailable()),
				StagedStart.isStandby(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerMessageHandlers clusterWorkerMessageHandlers() {
		return new WorkerMessageHandlers();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerAgent clusterWorkerAgent(WorkerIdentity identity, WorkerMessageHandlers handlers,
			ApplicationAvailability availability, ClusterProperties properties,
			ObjectProvider<PortGroupMember> portGroup, ManagementPortGroup managementPortGroup,
			Environment environment) {
		return new WorkerAgent(identity, handlers, availability, properties.getHeartbeat().getInterval(),
				managementPortGroup.alongside(portGroup.getIfAvailable()), StagedStart.isStandby(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterStatusClient clusterStatusClient(WorkerIdentity identity) {
		return new ClusterStatusClient(identity.controlSocket());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass(WebServerFactory.class)
	static class WebServerSupportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebServerSupportCheck clusterWebServerSupportCheck(ObjectProvider<PortGroupMember> members) {
			return new WebServerSupportCheck(members.stream().findAny().isPresent());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatWebServerFactory.class, Http11NioProtocol.class })
	@ConditionalOnBean(TomcatWebServerFactory.class)
	static class TomcatReusePortConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatPortGroupMember clusterTomcatPortGroupMember(StagedStart stagedStart, PortJoins joins) {
			return new TomcatPortGroupMember(stagedStart, joins);
		}

		@Bean
		@ConditionalOnMissingBean
		TomcatReusePortCustomizer clusterTomcatReusePortCustomizer(TomcatPortGroupMember member) {
			return new TomcatReusePortCustomizer(member);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JettyWebServerFactory.class, ServerConnector.class })
	@ConditionalOnBean(JettyWebServerFactory.class)
	static class JettyReusePortConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyPortGroupMember clusterJettyPortGroupMember(StagedStart stagedStart, PortJoins joins) {
			return new JettyPortGroupMember(stagedStart, joins);
		}

		@Bean
		@ConditionalOnMissingBean
		JettyReusePortCustomizer clusterJettyReusePortCustomizer(JettyPortGroupMember member) {
			return new JettyReusePortCustomizer(member);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
	@ConditionalOnBean(NettyReactiveWebServerFactory.class)
	static class ReactorNettyReusePortConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NettyPortGroupMember clusterNettyPortGroupMember(StagedStart stagedStart, PortJoins joins) {
			return new NettyPortGroupMember(stagedStart, joins);
		}

		@Bean
		@ConditionalOnMissingBean
		NettyReusePortCustomizer clusterNettyReusePortCustomizer(NettyPortGroupMember member) {
			return new NettyReusePortCustomizer(member);
		}

	}

}
