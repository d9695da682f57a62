package dev.clusterboot.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.ClusterLeadershipEvent;
import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.leadership.shared.SharedLockContender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterSharedLeadershipAutoConfiguration}, with a real
 * {@link JdbcLockRegistry} on an in-memory database standing for the database every host
 * shares, and a real control socket standing for the master.
 */
class ClusterSharedLeadershipAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<ControlConnection> workers = new CopyOnWriteArrayList<>();

	private final List<ControlMessage> reports = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final FakeMaster master = FakeMaster.onMessage((connection, message) -> {
			if (message instanceof ControlMessage.Hello) {
				this.workers.add(connection);
			}
			else if (message instanceof ControlMessage.SharedLock) {
				this.reports.add(message);
			}
		});

	private ApplicationContextRunner worker() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterSharedLeadershipAutoConfiguration.class,
					ClusterLeadershipAutoConfiguration.class))
			.withPropertyValues(this.master.workerEnvironment(1));
	}

	@Test
	void theHostsLeaderLeadsTheClusterOnlyOnceItHoldsTheLockAndTellsItsMaster() {
		worker().withUserConfiguration(JdbcLockConfiguration.class,
				ClusterLeadershipAutoConfigurationTests.EventsConfiguration.class)
			.withPropertyValues("cluster.leadership.lock=reports", "cluster.leadership.lock-time-to-live=2s")
			.run((context) -> {
				ClusterLeadership leadership = context.getBean(ClusterLeadership.class);
				assertThat(context).hasSingleBean(SharedLockContender.class);
				assertThat(leadership.getScope()).isEqualTo(LeadershipScope.ALL_HOSTS);
				tell(new ControlMessage.GrantLeadership());
				Awaitility.await().atMost(WAIT).until(leadership::isLeader);
				assertThat(leadership.isLeader(LeadershipScope.HOST)).isTrue();
				Awaitility.await().atMost(WAIT).until(() -> this.reports.size() == 1);
				tell(new ControlMessage.RevokeLeadership());
				Awaitility.await().atMost(WAIT).until(() -> !leadership.isLeader(LeadershipScope.HOST));
				assertThat(leadership.isLeader()).isFalse();
				ClusterLeadershipAutoConfigurationTests.Events events = context
					.getBean(ClusterLeadershipAutoConfigurationTests.Events.class);
				Awaitility.await().atMost(WAIT).until(() -> events.received.size() == 6);
				assertThat(events.received).extracting(ClusterSharedLeadershipAutoConfigurationTests::describe)
					.containsExactly("Granted HOST", "Granted ALL_HOSTS", "OnGrantedEvent", "Revoked ALL_HOSTS",
							"OnRevokedEvent", "Revoked HOST");
				Awaitility.await().atMost(WAIT).until(() -> this.reports.size() == 2);
				assertThat(this.reports).containsExactly(new ControlMessage.SharedLock(true),
						new ControlMessage.SharedLock(false));
			});
	}

	@Test
	void aLockNamedFalseIsALockToo() {
		worker().withUserConfiguration(JdbcLockConfiguration.class)
			.withPropertyValues("cluster.leadership.lock=false")
			.run((context) -> assertThat(context).hasSingleBean(SharedLockContender.class));
	}

	@Test
	void withoutTheLockPropertyEachHostHasALeaderOfItsOwn() {
		worker().withUserConfiguration(JdbcLockConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SharedLockContender.class);
			assertThat(context.getBean(ClusterLeadership.class).getScope()).isEqualTo(LeadershipScope.HOST);
		});
	}

	@Test
	void theLockWithoutALockRegistryFailsTheStartNamingTheProperty() {
		assertFailure(worker(), "needs a LockRegistry bean that every host shares");
	}

	@Test
	void theLockWithTwoLockRegistriesAndNoPrimaryFailsTheStartNamingThem() {
		assertFailure(worker().withUserConfiguration(JdbcLockConfiguration.class, LocalLockConfiguration.class),
				"needs one LockRegistry bean, and there are 2 (lockRegistry, localLockRegistry)");
	}

	@Test
	void theLockInARegistryWhoseLocksNeverExpireFailsTheStart() {
		assertFailure(worker().withUserConfiguration(LocalLockConfiguration.class),
				"needs a LockRegistry whose locks expire and can be renewed");
	}

	@Test
	void theLockWithoutSpringIntegrationFailsTheStart() {
		assertFailure(worker().withClassLoader(new FilteredClassLoader(LockRegistry.class)),
				"needs Spring Integration on the class path");
	}

	private static void assertFailure(ApplicationContextRunner runner, String reason) {
		runner.withPropertyValues("cluster.leadership.lock=reports").run((context) -> {
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
					(invalid) -> {
						assertThat(invalid.getName()).isEqualTo("cluster.leadership.lock");
						assertThat(invalid.getReason()).contains(reason);
					});
		});
	}

	private void tell(ControlMessage message) throws IOException {
		Awaitility.await().atMost(WAIT).until(() -> !this.workers.isEmpty());
		this.workers.get(0).send(message);
	}

	private static String describe(ApplicationEvent event) {
		return (event instanceof ClusterLeadershipEvent change)
				? event.getClass().getSimpleName() + " " + change.getScope() : event.getClass().getSimpleName();
	}

	@Configuration(proxyBeanMethods = false)
	static class JdbcLockConfiguration {

		@Bean
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("org/springframework/integration/jdbc/schema-h2.sql")
				.build();
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		DefaultLockRepository lockRepository(DataSource dataSource) {
			return new DefaultLockRepository(dataSource);
		}

		@Bean
		JdbcLockRegistry lockRegistry(DefaultLockRepository lockRepository) {
			return new JdbcLockRegistry(lockRepository);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LocalLockConfiguration {

		@Bean
		DefaultLockRegistry localLockRegistry() {
			return new DefaultLockRegistry();
		}

	}

}
