package dev.clusterboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.UnsupportedWebServerException;
import dev.clusterboot.portgroup.WebServerSupportCheck;
import dev.clusterboot.portgroup.jetty.JettyPortGroupMember;
import dev.clusterboot.portgroup.jetty.JettyReusePortCustomizer;
import dev.clusterboot.portgroup.netty.NettyPortGroupMember;
import dev.clusterboot.portgroup.netty.NettyReusePortCustomizer;
import dev.clusterboot.portgroup.tomcat.TomcatPortGroupMember;
import dev.clusterboot.portgroup.tomcat.TomcatReusePortCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the per-server part of {@link ClusterAutoConfiguration}: in a worker, exactly
 * the configuration of the server Boot chose applies, even with every server on the class
 * path, and a web server none of them supports stops the worker before it binds.
 */
class ClusterWebServerConfigurationTests {

	private static final AutoConfigurations CLUSTER = AutoConfigurations.of(
			ApplicationAvailabilityAutoConfiguration.class, ClusterAutoConfiguration.class);

	@RegisterExtension
	final FakeMaster master = FakeMaster.silent();

	private String[] worker() {
		return this.master.workerEnvironment(1);
	}

	private WebApplicationContextRunner servlet(Class<?> serverAutoConfiguration) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(serverAutoConfiguration))
			.withConfiguration(CLUSTER)
			.withPropertyValues(worker());
	}

	private ReactiveWebApplicationContextRunner reactive(Class<?> serverAutoConfiguration) {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(serverAutoConfiguration))
			.withConfiguration(CLUSTER)
			.withPropertyValues(worker());
	}

	@Test
	void tomcatJoinsThePortGroupInAServletWorkerWhileJettyAndNettyBackOff() {
		servlet(TomcatServletWebServerAutoConfiguration.class).run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(PortGroupMember.class)
			.hasSingleBean(TomcatPortGroupMember.class)
			.hasSingleBean(TomcatReusePortCustomizer.class)
			.hasSingleBean(WebServerSupportCheck.class)
			.doesNotHaveBean(JettyReusePortCustomizer.class)
			.doesNotHaveBean(NettyReusePortCustomizer.class));
	}

	@Test
	void jettyJoinsThePortGroupInAServletWorkerAndAcceptsOnItsSelectors() {
		servlet(JettyServletWebServerAutoConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(PortGroupMember.class)
				.hasSingleBean(JettyPortGroupMember.class)
				.hasSingleBean(JettyReusePortCustomizer.class)
				.doesNotHaveBean(TomcatReusePortCustomizer.class)
				.doesNotHaveBean(NettyReusePortCustomizer.class);
			assertThat(context.getBean(JettyWebServerFactory.class).getAcceptors()).isZero();
		});
	}

	@Test
	void jettyJoinsThePortGroupInAReactiveWorker() {
		reactive(JettyReactiveWebServerAutoConfiguration.class).run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(PortGroupMember.class)
			.hasSingleBean(JettyReusePortCustomizer.class));
	}

	@Test
	void reactorNettyJoinsThePortGroupInAReactiveWorkerWhileTomcatAndJettyBackOff() {
		reactive(NettyReactiveWebServerAutoConfiguration.class).run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(PortGroupMember.class)
			.hasSingleBean(NettyPortGroupMember.class)
			.hasSingleBean(NettyReusePortCustomizer.class)
			.doesNotHaveBean(TomcatReusePortCustomizer.class)
			.doesNotHaveBean(JettyReusePortCustomizer.class));
	}

	@Test
	void nothingJoinsOutsideAWorker() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(NettyReactiveWebServerAutoConfiguration.class))
			.withConfiguration(CLUSTER)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PortGroupMember.class)
				.doesNotHaveBean(NettyReusePortCustomizer.class)
				.doesNotHaveBean(WebServerSupportCheck.class));
	}

	@Test
	void backsOffWhenTheUserProvidesTheMember() {
		servlet(JettyServletWebServerAutoConfiguration.class).withUserConfiguration(CustomJettyMember.class)
			.run((context) -> assertThat(context).getBean(JettyPortGroupMember.class)
				.isSameAs(context.getBean("customMember")));
		reactive(NettyReactiveWebServerAutoConfiguration.class).withUserConfiguration(CustomNettyMember.class)
			.run((context) -> assertThat(context).getBean(NettyPortGroupMember.class)
				.isSameAs(context.getBean("customMember")));
	}

	@Test
	void unsupportedWebServerStopsTheWorkerWithAConfigurationErrorBeforeItBinds() {
		servlet(TomcatServletWebServerAutoConfiguration.class).withUserConfiguration(UnsupportedServer.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(UnsupportedWebServerException.class)
					.hasMessageContaining(UnsupportedServerFactory.class.getName())
					.hasMessageContaining("Tomcat, Jetty and Reactor Netty")
					.hasMessageContaining("'cluster.workers'");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomJettyMember {

		@Bean
		JettyPortGroupMember customMember() {
			return new JettyPortGroupMember();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomNettyMember {

		@Bean
		NettyPortGroupMember customMember() {
			return new NettyPortGroupMember();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnsupportedServer {

		@Bean
		ServletWebServerFactory unsupportedWebServerFactory() {
			return new UnsupportedServerFactory();
		}

	}

	static class UnsupportedServerFactory implements ServletWebServerFactory {

		@Override
		public org.springframework.boot.web.server.WebServer getWebServer(
				org.springframework.boot.web.servlet.ServletContextInitializer... initializers) {
			throw new IllegalStateException("never started");
		}

	}

}
