package dev.clusterboot.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.inmemory.InMemoryLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.ClusterLeadershipEvent;
import dev.clusterboot.api.LeaderOnly;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.leadership.LeaderOnlyScheduledAnnotationBeanPostProcessor;
import dev.clusterboot.leadership.SpringIntegrationLeaderEvents;
import dev.clusterboot.statewarnings.StateWarningReporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterLeadershipAutoConfiguration}. A real control socket stands in
 * for the master, which grants and revokes leadership on the worker's connection.
 */
class ClusterLeadershipAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<ControlConnection> workers = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final FakeMaster master = FakeMaster.onMessage((connection, message) -> {
			if (message instanceof ControlMessage.Hello) {
				this.workers.add(connection);
			}
		});

	private ApplicationContextRunner worker() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterStateWarningsAutoConfiguration.class,
					ClusterLeadershipAutoConfiguration.class))
			.withPropertyValues(this.master.workerEnvironment(1));
	}

	@Test
	void theWorkerIsNotTheLeaderUntilTheMasterSaysSoAndEachChangeIsAnEvent() {
		worker().withUserConfiguration(EventsConfiguration.class).run((context) -> {
			ClusterLeadership leadership = context.getBean(ClusterLeadership.class);
			assertThat(leadership.isLeader()).isFalse();
			tell(new ControlMessage.GrantLeadership());
			Awaitility.await().atMost(WAIT).until(leadership::isLeader);
			tell(new ControlMessage.RevokeLeadership());
			Awaitility.await().atMost(WAIT).until(() -> !leadership.isLeader());
			Events events = context.getBean(Events.class);
			Awaitility.await().atMost(WAIT).until(() -> events.received.size() == 4);
			assertThat(events.received).extracting((event) -> event.getClass().getSimpleName())
				.containsExactly("Granted", "OnGrantedEvent", "Revoked", "OnRevokedEvent");
			assertThat(events.received).filteredOn(AbstractLeaderEvent.class::isInstance)
				.extracting((event) -> ((AbstractLeaderEvent) event).getRole())
				.containsOnly(ClusterLeadership.ROLE);
		});
	}

	@Test
	void withoutSpringIntegrationOnlyTheClustersOwnEventsArePublished() {
		worker().withClassLoader(new FilteredClassLoader(OnGrantedEvent.class))
			.run((context) -> assertThat(context).hasSingleBean(ClusterLeadership.class)
				.doesNotHaveBean(SpringIntegrationLeaderEvents.class));
	}

	@Test
	void byDefaultEveryScheduledMethodRunsOnTheLeaderOnlyAndOnlyOtherTasksAreWarnedAbout() {
		worker().withUserConfiguration(JobsConfiguration.class).run((context) -> {
			assertThat(context.getBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
				.isInstanceOf(LeaderOnlyScheduledAnnotationBeanPostProcessor.class);
			Jobs jobs = context.getBean(Jobs.class);
			assertThat(found(context)).singleElement()
				.extracting(StateWarning::found)
				.asString()
				.startsWith("@Scheduled method Jobs.tick runs in every worker");
			Awaitility.await().atMost(WAIT).until(() -> jobs.everyWorker.get() >= 3);
			assertThat(jobs.marked.get() + jobs.unmarked.get()).as("not the leader yet").isZero();
			tell(new ControlMessage.GrantLeadership());
			Awaitility.await().atMost(WAIT).until(() -> jobs.marked.get() >= 3 && jobs.unmarked.get() >= 3);
			tell(new ControlMessage.RevokeLeadership());
			Awaitility.await().atMost(WAIT).until(() -> !context.getBean(ClusterLeadership.class).isLeader());
			int afterRevoke = jobs.marked.get();
			Awaitility.await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> jobs.marked.get() <= afterRevoke + 1);
		});
	}

	@Test
	void markedRunsOnlyMarkedMethodsOnTheLeaderAndWarnsAboutTheOthers() {
		worker().withUserConfiguration(JobsConfiguration.class)
			.withPropertyValues("cluster.scheduling.leader-only=marked")
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				Awaitility.await().atMost(WAIT).until(() -> jobs.unmarked.get() >= 3);
				assertThat(jobs.marked.get()).as("not the leader yet").isZero();
				assertThat(found(context)).singleElement()
					.extracting(StateWarning::found)
					.asString()
					.startsWith("2 @Scheduled methods (Jobs.tick, " + Jobs.class.getName() + ".unmarked) run");
				tell(new ControlMessage.GrantLeadership());
				Awaitility.await().atMost(WAIT).until(() -> jobs.marked.get() >= 3);
			});
	}

	@Test
	void noneLeavesSpringsSchedulingAlone() {
		worker().withUserConfiguration(JobsConfiguration.class)
			.withPropertyValues("cluster.scheduling.leader-only=none")
			.run((context) -> {
				assertThat(context.getBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
					.isExactlyInstanceOf(ScheduledAnnotationBeanPostProcessor.class);
				Jobs jobs = context.getBean(Jobs.class);
				Awaitility.await().atMost(WAIT).until(() -> jobs.marked.get() >= 3);
			});
	}

	@Test
	void schedulesNothingWithoutEnableScheduling() {
		worker().run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME));
	}

	@Test
	void anUnknownModeFailsOnThatPropertyWhichTheClustersFailureAnalyzerExplains() {
		worker().withUserConfiguration(JobsConfiguration.class)
			.withPropertyValues("cluster.scheduling.leader-only=leader")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof BindException)) {
					failure = failure.getCause();
				}
				assertThat(failure).as("a BindException").isInstanceOf(BindException.class);
				assertThat(((BindException) failure).getName()).hasToString("cluster.scheduling.leader-only");
			});
	}

	@Test
	void nothingIsConfiguredOutsideAWorker() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ClusterAutoConfiguration.class,
					ClusterLeadershipAutoConfiguration.class))
			.withUserConfiguration(JobsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(ClusterLeadership.class);
				assertThat(context.getBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
					.isExactlyInstanceOf(ScheduledAnnotationBeanPostProcessor.class);
				Jobs jobs = context.getBean(Jobs.class);
				Awaitility.await().atMost(WAIT).until(() -> jobs.marked.get() >= 3);
			});
	}

	/**
	 * Leader-only scheduling and ShedLock's {@code @SchedulerLock} (its default intercept
	 * mode, which proxies the method) compose: a worker that does not lead skips the run
	 * before ShedLock is asked for its lock, and the leader takes ShedLock's lock, then
	 * runs.
	 */
	@Test
	void aWorkerThatDoesNotLeadNeverAsksShedLockAndTheLeaderRunsUnderShedLocksLock() {
		worker().withUserConfiguration(ShedLockJobConfiguration.class)
			.run((context) -> {
				Job job = context.getBean(Job.class);
				CountingLockProvider locks = context.getBean(CountingLockProvider.class);
				Awaitility.await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> job.runs() == 0);
				assertThat(locks.asked.get()).as("lock requests before this worker leads").isZero();
				tell(new ControlMessage.GrantLeadership());
				Awaitility.await().atMost(WAIT).until(() -> job.runs() >= 3);
				assertThat(locks.asked.get()).isGreaterThanOrEqualTo(job.runs());
			});
	}

	private void tell(ControlMessage message) throws IOException {
		Awaitility.await().atMost(WAIT).until(() -> !this.workers.isEmpty());
		this.workers.get(0).send(message);
	}

	private static List<StateWarning> found(org.springframework.context.ApplicationContext context) {
		return context.getBean(StateWarningReporter.class).detect(context);
	}

	@Configuration(proxyBeanMethods = false)
	static class EventsConfiguration {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events implements ApplicationListener<ApplicationEvent> {

		final List<ApplicationEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ClusterLeadershipEvent || event instanceof OnGrantedEvent
					|| event instanceof OnRevokedEvent) {
				this.received.add(event);
			}
		}

	}

	/**
	 * Two {@code @Scheduled} methods, one marked, and a task registered through a
	 * {@link SchedulingConfigurer}, which no mode touches: it runs in every worker, so
	 * it tells the test that time passed.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class JobsConfiguration implements SchedulingConfigurer {

		private final Jobs jobs = new Jobs();

		@Bean
		Jobs jobs() {
			return this.jobs;
		}

		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			registrar.addFixedRateTask(new Tick(this.jobs), Duration.ofMillis(20));
		}

	}

	static class Jobs {

		final AtomicInteger marked = new AtomicInteger();

		final AtomicInteger unmarked = new AtomicInteger();

		final AtomicInteger everyWorker = new AtomicInteger();

		@LeaderOnly
		@Scheduled(fixedRate = 20)
		void marked() {
			this.marked.incrementAndGet();
		}

		@Scheduled(fixedRate = 20)
		void unmarked() {
			this.unmarked.incrementAndGet();
		}

	}

	record Tick(Jobs jobs) implements Runnable {

		@Override
		public void run() {
			this.jobs.everyWorker.incrementAndGet();
		}

		@Override
		public String toString() {
			return "Jobs.tick";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@EnableSchedulerLock(defaultLockAtMostFor = "PT1S")
	static class ShedLockJobConfiguration {

		@Bean
		CountingLockProvider lockProvider() {
			return new CountingLockProvider();
		}

		@Bean
		Job job() {
			return new Job();
		}

	}

	static class Job {

		private final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedRate = 20)
		@SchedulerLock(name = "job")
		public void run() {
			this.runs.incrementAndGet();
		}

		/**
		 * Read through ShedLock's proxy of this bean.
		 */
		public int runs() {
			return this.runs.get();
		}

	}

	static class CountingLockProvider implements LockProvider {

		private final LockProvider delegate = new InMemoryLockProvider();

		final AtomicInteger asked = new AtomicInteger();

		@Override
		public Optional<SimpleLock> lock(LockConfiguration configuration) {
			this.asked.incrementAndGet();
			return this.delegate.lock(configuration);
		}

	}

}
