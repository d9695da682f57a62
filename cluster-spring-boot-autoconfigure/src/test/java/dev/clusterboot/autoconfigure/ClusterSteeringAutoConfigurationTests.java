package dev.clusterboot.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.portgroup.FakePortGroupMember;
import dev.clusterboot.portgroup.ManagementPortGroup;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.steering.least.InFlightTable;
import dev.clusterboot.steering.least.LeastConnections;
import dev.clusterboot.steering.worker.RequestLoad;
import dev.clusterboot.steering.worker.RequestLoadWebFilter;
import dev.clusterboot.steering.worker.SteeringCommands;
import dev.clusterboot.steering.worker.SteeringReporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterSteeringAutoConfiguration}. A real control socket stands in for
 * the master; no socket listens on the worker's port, so every attachment is refused.
 */
class ClusterSteeringAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<ControlConnection> workers = new CopyOnWriteArrayList<>();

	private final List<ControlMessage> received = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final FakeMaster master = FakeMaster.onMessage((connection, message) -> {
		if (message instanceof ControlMessage.Hello) {
			this.workers.add(connection);
		}
		this.received.add(message);
	});

	private final int port = freePort();

	private ApplicationContextRunner worker() {
		return new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(this.master.workerEnvironment(1))
			.withPropertyValues("server.port=" + this.port);
	}

	private static AutoConfigurations configurations() {
		return AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class, ClusterAutoConfiguration.class,
				ClusterSteeringAutoConfiguration.class);
	}

	@Test
	void aWorkerWithAWebServerReportsAndSteersByDefault() {
		worker().withUserConfiguration(PortConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RequestLoad.class)
				.hasSingleBean(SteeringReporter.class)
				.hasSingleBean(SteeringCommands.class));
	}

	@Test
	void nothingIsConfiguredWhileSteeringIsOff() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=off")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RequestLoad.class)
				.doesNotHaveBean(SteeringReporter.class)
				.doesNotHaveBean(SteeringCommands.class));
	}

	@Test
	void nothingIsConfiguredOutsideAWorker() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RequestLoad.class));
	}

	@Test
	void aWorkerWithAWebServerReportsAndSteersWhenAModeIsSet() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=LOAD")
			.run((context) -> assertThat(context).hasSingleBean(RequestLoad.class)
				.hasSingleBean(SteeringReporter.class)
				.hasSingleBean(SteeringCommands.class));
	}

	@Test
	void leastAddsTheWorkersChoiceOnTheTableInTheMastersDirectory() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=least")
			.run((context) -> {
				assertThat(context).hasSingleBean(LeastConnections.class).hasSingleBean(SteeringReporter.class);
				Path socket = context.getBean(WorkerIdentity.class).controlSocket();
				assertThat(socket.toAbsolutePath().resolveSibling(InFlightTable.FILE_NAME)).exists();
			});
	}

	@Test
	void leastIsTheDefault() {
		worker().withUserConfiguration(PortConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(LeastConnections.class));
	}

	@Test
	void otherModesHaveNoLeastConnections() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LeastConnections.class));
	}

	@Test
	void aWorkerWithoutAWebServerOnlyCounts() {
		worker().withPropertyValues("cluster.steering.mode=health")
			.run((context) -> assertThat(context).hasSingleBean(RequestLoad.class)
				.doesNotHaveBean(SteeringReporter.class)
				.doesNotHaveBean(SteeringCommands.class));
	}

	@Test
	void aSteerIsAnsweredWithWhyTheProgramCouldNotBeAttached() throws IOException {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load")
			.run((context) -> {
				tell(new SteeringMessage.Steer(new int[] { 0x06, 0, 0, 0 }));
				SteeringMessage.Steered steered = awaitMessage(SteeringMessage.Steered.class);
				assertThat(steered.refused()).startsWith("NO_LISTENING_SOCKET").contains("port " + this.port);
			});
	}

	@Test
	void aSteerWithAnInvalidProgramIsRefused() throws IOException {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load")
			.run((context) -> {
				tell(new SteeringMessage.Steer(new int[] { 0x06, 0, 0 }));
				assertThat(awaitMessage(SteeringMessage.Steered.class).refused())
					.startsWith("The program is invalid");
			});
	}

	@Test
	void aJoinedWorkerReportsItsJoinThenItsLoadAndReadinessAndItsLeave() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load", "cluster.steering.report-interval=10ms")
			.run((context) -> {
				try (ServerSocketChannel listener = reusePortListener()) {
					long before = System.nanoTime();
					PortGroupMember member = context.getBean(ManagementPortGroup.class)
						.alongside(context.getBean(PortGroupMember.class));
					member.join();
					SteeringMessage.PortJoined joined = awaitMessage(SteeringMessage.PortJoined.class);
					assertThat(joined.joinedAtNanos()).isGreaterThanOrEqualTo(before);
					assertThat(joined.steeringUnavailable()).isNull();
					reportsLoadThenLeave(context, member);
				}
			});
	}

	@Test
	void aSlowRequestIsReportedAsSoonAsItIsSeenNotAtTheNextInterval() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load", "cluster.steering.report-interval=10s",
					"cluster.steering.slow-after=5ms")
			.run((context) -> {
				try (ServerSocketChannel listener = reusePortListener()) {
					PortGroupMember member = context.getBean(ManagementPortGroup.class)
						.alongside(context.getBean(PortGroupMember.class));
					member.join();
					awaitMessage(SteeringMessage.PortJoined.class);
					Awaitility.await()
						.atMost(WAIT)
						.until(() -> this.received.contains(new SteeringMessage.Load(0, 0, false, 0)));
					RequestLoad load = context.getBean(RequestLoad.class);
					long request = load.started();
					Awaitility.await()
						.atMost(WAIT)
						.until(() -> this.received.contains(new SteeringMessage.Load(1, 0, false, 1)));
					load.completed(request);
					Awaitility.await()
						.atMost(WAIT)
						.until(() -> this.received.contains(new SteeringMessage.Load(0, 1, false, 0)));
				}
			});
	}

	@Test
	void aJoinIsReportedOnlyOnceTheSocketListens() {
		worker().withUserConfiguration(PortConfiguration.class)
			.withPropertyValues("cluster.steering.mode=load", "cluster.steering.report-interval=10ms")
			.run((context) -> {
				PortGroupMember member = context.getBean(ManagementPortGroup.class)
					.alongside(context.getBean(PortGroupMember.class));
				member.join();
				context.getBean(RequestLoad.class).started();
				Awaitility.await()
					.during(Duration.ofMillis(200))
					.atMost(WAIT)
					.until(() -> this.received.stream().noneMatch(SteeringMessage.PortJoined.class::isInstance));
				try (ServerSocketChannel listener = reusePortListener()) {
					assertThat(awaitMessage(SteeringMessage.PortJoined.class).steeringUnavailable()).isNull();
				}
			});
	}

	private ServerSocketChannel reusePortListener() throws IOException {
		ServerSocketChannel listener = ServerSocketChannel.open();
		listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
		listener.bind(new InetSocketAddress("127.0.0.1", this.port));
		return listener;
	}

	private boolean receivedLoad(int inFlight, boolean ready) {
		return this.received.stream()
			.anyMatch((message) -> message instanceof SteeringMessage.Load load && load.inFlight() == inFlight
					&& load.ready() == ready);
	}

	private void reportsLoadThenLeave(ApplicationContext context, PortGroupMember member) {
		context.getBean(RequestLoad.class).started();
		Awaitility.await().atMost(WAIT).until(() -> receivedLoad(1, false));
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		Awaitility.await().atMost(WAIT).until(() -> receivedLoad(1, true));
		member.leave();
		awaitMessage(SteeringMessage.PortLeft.class);
		assertThat(this.received).filteredOn(SteeringMessage.PortJoined.class::isInstance).hasSize(1);
	}

	@Test
	void aServletApplicationsRequestsAreCountedFirstOfAll() {
		new WebApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(this.master.workerEnvironment(1))
			.withPropertyValues("cluster.steering.mode=load")
			.run((context) -> {
				RequestLoad load = context.getBean(RequestLoad.class);
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
				FilterChain chain = (request, response) -> assertThat(load.inFlight()).isOne();
				registration.getFilter()
					.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
				assertThat(load.inFlight()).isZero();
				assertThat(load.completedCount()).isOne();
			});
	}

	@Test
	void aReactiveApplicationsRequestsAreCountedFirstOfAll() {
		new ReactiveWebApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(this.master.workerEnvironment(1))
			.withPropertyValues("cluster.steering.mode=load")
			.run((context) -> {
				RequestLoad load = context.getBean(RequestLoad.class);
				RequestLoadWebFilter filter = context.getBean(RequestLoadWebFilter.class);
				assertThat(filter.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
				AtomicBoolean served = new AtomicBoolean();
				filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/")), (exchange) -> {
					assertThat(load.inFlight()).isOne();
					served.set(true);
					return Mono.empty();
				}).block(WAIT);
				assertThat(served).isTrue();
				assertThat(load.inFlight()).isZero();
				assertThat(load.completedCount()).isOne();
			});
	}

	private void tell(ControlMessage message) throws IOException {
		Awaitility.await().atMost(WAIT).until(() -> !this.workers.isEmpty());
		this.workers.get(0).send(message);
	}

	private <M extends ControlMessage> M awaitMessage(Class<M> type) {
		Awaitility.await().atMost(WAIT).until(() -> this.received.stream().anyMatch(type::isInstance));
		return this.received.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class PortConfiguration {

		@Bean
		PortGroupMember portGroupMember() {
			return new FakePortGroupMember();
		}

	}

}
