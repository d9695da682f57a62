package dev.clusterboot.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.AbstractCacheManager;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;

import dev.clusterboot.api.StateDetector;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.statewarnings.InMemorySessionsDetector;
import dev.clusterboot.statewarnings.StateWarningReporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterStateWarningsAutoConfiguration}: each kind of state a worker
 * keeps on its own is found, nothing is found where the state is shared or the kind is
 * silenced, and what is found reaches the master once. A real control socket stands in
 * for the master, which records what the worker sends.
 */
class ClusterStateWarningsAutoConfigurationTests {

	private final List<ControlMessage> received = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final FakeMaster master = FakeMaster.onMessage((connection, message) -> this.received.add(message));

	private String[] inAWorker() {
		return Stream.concat(Stream.of(this.master.workerEnvironment(1)),
				Stream.of("spring.datasource.generate-unique-name=true"))
			.toArray(String[]::new);
	}

	private ApplicationContextRunner worker() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterStateWarningsAutoConfiguration.class))
			.withPropertyValues(inAWorker());
	}

	private WebApplicationContextRunner servletWorker() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterStateWarningsAutoConfiguration.class))
			.withPropertyValues(inAWorker());
	}

	@Test
	void findsTheInMemoryH2DatabaseThatBootCreates() {
		worker().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.run((context) -> assertThat(found(context)).singleElement()
				.isEqualTo(StateWarning.of(StateWarningKind.IN_MEMORY_DATABASE,
						"DataSource bean 'dataSource' is an in-memory H2 database (jdbc:h2:mem:), so each worker "
								+ "has a database of its own")));
	}

	@Test
	void findsTheEmbeddedDatabaseThatBootCreatesWithoutAUrlWhenThereIsNoPool() {
		worker().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(found(context)).singleElement()
				.extracting(StateWarning::found)
				.isEqualTo("DataSource bean 'dataSource' is an embedded database that Spring created in memory, "
						+ "so each worker has a database of its own"));
	}

	@Test
	void findsInMemoryHsqldbAndDerbyUrlsButNotDatabasesThatProcessesCanShare() {
		worker().withUserConfiguration(DataSourcesConfiguration.class)
			.run((context) -> assertThat(found(context)).extracting(StateWarning::found)
				.containsExactlyInAnyOrder(
						"DataSource bean 'hsqldb' is an in-memory HSQLDB database (jdbc:hsqldb:mem:), so each "
								+ "worker has a database of its own",
						"DataSource bean 'derby' is an in-memory Derby database (jdbc:derby:memory:), so each "
								+ "worker has a database of its own"));
	}

	@Test
	void watchesForSessionsInAServletApplicationWithoutWarningAtStartup() {
		servletWorker().withClassLoader(new FilteredClassLoader(SessionRepository.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(InMemorySessionsDetector.class);
				assertThat(found(context)).isEmpty();
			});
	}

	@Test
	void doesNotWatchForSessionsOutsideAServletApplicationOrWhenSilenced() {
		worker().run((context) -> assertThat(context).doesNotHaveBean(InMemorySessionsDetector.class));
		servletWorker().withPropertyValues("cluster.state-warnings.sessions=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InMemorySessionsDetector.class));
	}

	@Test
	void findsTheConcurrentMapCacheManagerOfBootsSimpleCache() {
		worker().withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=simple")
			.run((context) -> assertThat(found(context)).singleElement()
				.isEqualTo(StateWarning.of(StateWarningKind.LOCAL_CACHES,
						"CacheManager bean 'cacheManager' (ConcurrentMapCacheManager) keeps its caches in each "
								+ "worker's memory, so each worker caches, and evicts, on its own")));
	}

	@Test
	void findsTheCaffeineCacheManagerButNoCacheManagerThatKeepsNothing() {
		worker().withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=caffeine")
			.run((context) -> assertThat(found(context)).singleElement()
				.extracting(StateWarning::found)
				.asString()
				.startsWith("CacheManager bean 'cacheManager' (CaffeineCacheManager)"));
		worker().withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=none")
			.run((context) -> assertThat(found(context)).isEmpty());
	}

	@Test
	void findsJCacheOnALocalProviderNamingItsCaches() {
		worker().withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=jcache",
					"spring.cache.jcache.provider=com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider",
					"spring.cache.cache-names=users,things")
			.run((context) -> assertThat(found(context)).singleElement()
				.isEqualTo(StateWarning.of(StateWarningKind.LOCAL_CACHES,
						"CacheManager bean 'cacheManager' (JCacheCacheManager on CaffeineCachingProvider) keeps its "
								+ "caches (things, users) in each worker's memory, so each worker caches, and evicts, "
								+ "on its own")));
	}

	@Test
	void findsACacheManagerItCannotKeepCoherentAndSaysWhatToDo() {
		worker().withUserConfiguration(OwnCacheManagerConfiguration.class)
			.run((context) -> assertThat(found(context)).singleElement().satisfies((warning) -> {
				assertThat(warning.found()).isEqualTo("CacheManager bean 'ownCacheManager' (OwnCacheManager) is a kind "
						+ "the starter cannot keep coherent across workers: if its caches live in each worker's "
						+ "memory, each worker caches, and evicts, on its own");
				assertThat(warning.fix()).startsWith("Use a shared cache such as Redis, or a local cache that the "
						+ "starter keeps coherent (ConcurrentMapCacheManager, CaffeineCacheManager, or JCache on "
						+ "Caffeine's or Ehcache's provider)");
				assertThat(warning.silencedBy()).isEqualTo("cluster.state-warnings.local-caches");
			}));
	}

	@Test
	void findsScheduledMethods() {
		worker().withUserConfiguration(SchedulingConfiguration.class)
			.run((context) -> assertThat(found(context)).singleElement()
				.isEqualTo(StateWarning.of(StateWarningKind.SCHEDULED_METHODS,
						"@Scheduled method " + Jobs.class.getName() + ".purge runs in every worker: once per "
								+ "worker, not once per cluster")));
	}

	@ParameterizedTest
	@EnumSource(value = StateWarningKind.class, names = "SESSIONS", mode = EnumSource.Mode.EXCLUDE)
	void eachKindFoundAtStartupIsSilencedByItsProperty(StateWarningKind silenced) {
		StateWarningKind[] atStartup = { StateWarningKind.IN_MEMORY_DATABASE, StateWarningKind.LOCAL_CACHES,
				StateWarningKind.SCHEDULED_METHODS };
		servletWorker().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				CacheAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class, SchedulingConfiguration.class)
			.withClassLoader(new FilteredClassLoader(SessionRepository.class))
			.withPropertyValues("spring.cache.type=simple")
			.run((context) -> assertThat(found(context)).extracting(StateWarning::kind)
				.containsExactlyInAnyOrder(atStartup));
		servletWorker().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				CacheAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class, SchedulingConfiguration.class)
			.withClassLoader(new FilteredClassLoader(SessionRepository.class))
			.withPropertyValues("spring.cache.type=simple", silenced.property() + "=false")
			.run((context) -> assertThat(found(context)).extracting(StateWarning::kind)
				.hasSize(atStartup.length - 1)
				.doesNotContain(silenced));
	}

	@Test
	void aDetectorThatFailsIsSkipped() {
		worker().withUserConfiguration(SchedulingConfiguration.class, FailingDetectorConfiguration.class)
			.run((context) -> assertThat(found(context)).extracting(StateWarning::kind)
				.containsExactly(StateWarningKind.SCHEDULED_METHODS));
	}

	@Test
	void sendsWhatItFoundToTheMasterOnceWhenTheContextIsReady() {
		worker().withUserConfiguration(SchedulingConfiguration.class).run((context) -> {
			ready(context);
			ready(context);
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			// the ready heartbeat goes out after both ready events, on the same connection
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.received.stream()
					.anyMatch((message) -> message instanceof ControlMessage.Heartbeat heartbeat
							&& heartbeat.report().ready()));
			assertThat(this.received).filteredOn(ControlMessage.StateWarnings.class::isInstance)
				.singleElement()
				.isEqualTo(new ControlMessage.StateWarnings(found(context)));
		});
	}

	@Test
	void nothingIsConfiguredOutsideAWorker() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ClusterAutoConfiguration.class,
					ClusterStateWarningsAutoConfiguration.class))
			.withPropertyValues("cluster.workers=2")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(StateWarningReporter.class)
				.doesNotHaveBean(StateDetector.class));
	}

	/**
	 * What the reporter finds in a context; a context that failed to start throws here,
	 * with the failure as the cause.
	 */
	private static List<StateWarning> found(ApplicationContext context) {
		return context.getBean(StateWarningReporter.class).detect(context);
	}

	private static void ready(AssertableApplicationContext context) {
		ConfigurableApplicationContext source = context.getSourceApplicationContext();
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ZERO));
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourcesConfiguration {

		@Bean
		DriverManagerDataSource hsqldb() {
			return new DriverManagerDataSource("jdbc:hsqldb:mem:orders");
		}

		@Bean
		DriverManagerDataSource derby() {
			return new DriverManagerDataSource("JDBC:DERBY:MEMORY:orders;create=true");
		}

		@Bean
		DriverManagerDataSource h2File() {
			return new DriverManagerDataSource("jdbc:h2:file:./data/app;AUTO_SERVER=TRUE");
		}

		@Bean
		DriverManagerDataSource h2Server() {
			return new DriverManagerDataSource("jdbc:h2:tcp://localhost/mem:shared");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpringSessionConfiguration {

		@Bean
		MapSessionRepository sessionRepository() {
			return new MapSessionRepository(new java.util.concurrent.ConcurrentHashMap<>());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheManagerConfiguration {

		@Bean
		OwnCacheManager ownCacheManager() {
			return new OwnCacheManager();
		}

	}

	static class OwnCacheManager extends AbstractCacheManager {

		@Override
		protected Collection<? extends Cache> loadCaches() {
			return List.of();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

	}

	static class Jobs {

		@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS)
		void purge() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingDetectorConfiguration {

		@Bean
		StateDetector failingDetector() {
			return new StateDetector() {

				@Override
				public StateWarningKind kind() {
					return StateWarningKind.IN_MEMORY_DATABASE;
				}

				@Override
				public List<StateWarning> detect(ApplicationContext context) {
					throw new IllegalStateException("broken detector");
				}

			};
		}

	}

}
