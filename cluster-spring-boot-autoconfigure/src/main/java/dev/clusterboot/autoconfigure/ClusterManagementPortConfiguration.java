package dev.clusterboot.autoconfigure;

import org.apache.coyote.http11.Http11NioProtocol;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.server.HttpServer;

import dev.clusterboot.portgroup.ManagementPortGroup;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.StagedStart;
import dev.clusterboot.portgroup.jetty.JettyPortGroupMember;
import dev.clusterboot.portgroup.jetty.JettyReusePortCustomizer;
import dev.clusterboot.portgroup.netty.NettyPortGroupMember;
import dev.clusterboot.portgroup.netty.NettyReusePortCustomizer;
import dev.clusterboot.portgroup.tomcat.TomcatPortGroupMember;
import dev.clusterboot.portgroup.tomcat.TomcatReusePortCustomizer;

/**
 * Makes a worker's management server, which Boot starts in a child context when
 * {@code management.server.port} gives Actuator a port of its own, listen with
 * {@code SO_REUSEPORT} like the application's own server, so that every worker serves the
 * management port. Each customizer applies only to its server's factory, and attaches the
 * server to the worker's {@link ManagementPortGroup}, which joins and leaves the
 * management port together with the application's port.
 *
 * @author cluster-spring-boot-starter
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClusterWorker
public final class ClusterManagementPortConfiguration {

	/**
	 * Customize the management server's factory as the application's own server's, then
	 * attach the server to the worker's management port group. Applies only to a factory
	 * of the given type.
	 */
	private static <F extends WebServerFactory> WebServerFactoryCustomizer<F> attaching(Class<F> type,
			WebServerFactoryCustomizer<F> customizer, PortGroupMember member, ManagementPortGroup group) {
		return (factory) -> {
			if (type.isInstance(factory)) {
				customizer.customize(type.cast(factory));
				group.attach(member);
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatWebServerFactory.class, Http11NioProtocol.class })
	static class TomcatManagementPortConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatWebServerFactory> clusterManagementTomcatReusePortCustomizer(
				StagedStart stagedStart, ManagementPortGroup managementPortGroup) {
			TomcatPortGroupMember member = new TomcatPortGroupMember(stagedStart);
			return attaching(TomcatWebServerFactory.class, new TomcatReusePortCustomizer(member), member,
					managementPortGroup);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JettyWebServerFactory.class, ServerConnector.class })
	static class JettyManagementPortConfiguration {

		@Bean
		WebServerFactoryCustomizer<JettyWebServerFactory> clusterManagementJettyReusePortCustomizer(
				StagedStart stagedStart, ManagementPortGroup managementPortGroup) {
			JettyPortGroupMember member = new JettyPortGroupMember(stagedStart);
			return attaching(JettyWebServerFactory.class, new JettyReusePortCustomizer(member), member,
					managementPortGroup);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
	static class ReactorNettyManagementPortConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> clusterManagementNettyReusePortCustomizer(
				StagedStart stagedStart, ManagementPortGroup managementPortGroup) {
			NettyPortGroupMember member = new NettyPortGroupMember(stagedStart);
			return attaching(NettyReactiveWebServerFactory.class, new NettyReusePortCustomizer(member), member,
					managementPortGroup);
		}

	}

}
