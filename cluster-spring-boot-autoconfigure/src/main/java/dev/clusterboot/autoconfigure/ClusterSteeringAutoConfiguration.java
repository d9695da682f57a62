package dev.clusterboot.autoconfigure;

import java.time.Duration;
import java.util.function.IntSupplier;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.channel.WorkerMessageHandlers;
import dev.clusterboot.portgroup.ManagementPortGroup;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.startup.ClusterProperties;
import dev.clusterboot.steering.kernel.GroupAttacher;
import dev.clusterboot.steering.least.InFlightTable;
import dev.clusterboot.steering.least.LeastConnections;
import dev.clusterboot.steering.worker.RequestLoad;
import dev.clusterboot.steering.worker.RequestLoadFilter;
import dev.clusterboot.steering.worker.RequestLoadWebFilter;
import dev.clusterboot.steering.worker.SteeringCommands;
import dev.clusterboot.steering.worker.SteeringReporter;

/**
 * Auto-configuration of a worker's side of connection steering, when
 * {@code cluster.steering.mode} is not {@code off}: a filter that counts the requests of
 * a servlet or reactive application, the {@link SteeringReporter} that tells the master
 * when the worker joins and leaves the port and how loaded it is, and the
 * {@link SteeringCommands} that attach the master's programs. With steering off (the
 * default), nothing here applies.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class)
@ConditionalOnClusterWorker
@ConditionalOnBean(WorkerAgent.class)
@Conditional(OnSteeringModeCondition.class)
public final class ClusterSteeringAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestLoad clusterRequestLoad() {
		return new RequestLoad();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(PortGroupMember.class)
	static class PortSteeringConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SteeringReporter clusterSteeringReporter(MasterLink master, RequestLoad load, PortGroupMember member,
				ManagementPortGroup group, ClusterProperties properties, Environment environment,
				ObjectProvider<ApplicationAvailability> availability) {
			SteeringReporter reporter = new SteeringReporter(master, load, member::joined, member::joinedAtNanos,
					() -> accepting(availability.getIfAvailable()), sharedPort(environment),
					properties.getSteering().getReportInterval(), properties.getSteering().getSlowAfter());
			group.afterJoinAndLeave(reporter::joined, reporter::left);
			return reporter;
		}

		@Bean
		@ConditionalOnMissingBean
		SteeringCommands clusterSteeringCommands(MasterLink master, WorkerMessageHandlers handlers,
				Environment environment) {
			SteeringCommands commands = new SteeringCommands(master, sharedPort(environment));
			handlers.register(SteeringMessage.Steer.class, commands::steer);
			// ahead of the agent's own handler, which leaves the port
			handlers.registerFirst(ControlMessage.Drain.class, commands::beforeDrain);
			return commands;
		}

		/**
		 * Least-connections steering: this worker chooses at every start and end of a
		 * request, through the host's table in the master's directory.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnProperty(name = "cluster.steering.mode", havingValue = "least", matchIfMissing = true)
		static class LeastConnectionsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			LeastConnections clusterLeastConnections(WorkerIdentity identity, RequestLoad load,
					PortGroupMember member, SteeringReporter reporter, SteeringCommands commands,
					ClusterProperties properties, Environment environment) {
				LeastConnections least = new LeastConnections(
						InFlightTable.map(identity.controlSocket().toAbsolutePath().getParent()),
						ProcessHandle.current().pid(), load::inFlight, slowRequests(load, properties), member::joined,
						new GroupAttacher(sharedPort(environment))::attach);
				load.onChange(least::changed);
				reporter.eachCheck(least::checked);
				commands.attachEachProgramIn(least::replaceProgram);
				return least;
			}

		}

		private static IntSupplier slowRequests(RequestLoad load, ClusterProperties properties) {
			Duration slowAfter = properties.getSteering().getSlowAfter();
			return () -> load.slow(System.nanoTime(), slowAfter);
		}

		private static boolean accepting(@Nullable ApplicationAvailability availability) {
			return availability == null || availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		}

		private static int sharedPort(Environment environment) {
			return environment.getProperty("server.port", Integer.class, 8080);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	static class ServletLoadConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "clusterRequestLoadFilter")
		FilterRegistrationBean<RequestLoadFilter> clusterRequestLoadFilter(RequestLoad load) {
			FilterRegistrationBean<RequestLoadFilter> registration = new FilterRegistrationBean<>(
					new RequestLoadFilter(load));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveLoadConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestLoadWebFilter clusterRequestLoadWebFilter(RequestLoad load) {
			return new RequestLoadWebFilter(load);
		}

	}

}
