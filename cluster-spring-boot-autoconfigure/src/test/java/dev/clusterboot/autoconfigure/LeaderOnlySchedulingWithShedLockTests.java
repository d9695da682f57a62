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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.FakeMaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leader-only scheduling and ShedLock's {@code @SchedulerLock} (its default intercept
 * mode, which proxies the method) compose: a worker that does not lead skips the run
 * before ShedLock is asked for its lock, and the leader takes ShedLock's lock, then runs.
 */
class LeaderOnlySchedulingWithShedLockTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<ControlConnection> workers = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final FakeMaster master = FakeMaster.onMessage((connection, message) -> {
			if (message instanceof ControlMessage.Hello) {
				this.workers.add(connection);
			}
		});

	@Test
	void aWorkerThatDoesNotLeadNeverAsksShedLockAndTheLeaderRunsUnderShedLocksLock() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterLeadershipAutoConfiguration.class))
			.withPropertyValues(this.master.workerEnvironment(1))
			.withUserConfiguration(ShedLockJobConfiguration.class)
			.run((context) -> {
				Job job = context.getBean(Job.class);
				CountingLockProvider locks = context.getBean(CountingLockProvider.class);
				Awaitility.await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> job.runs() == 0);
				assertThat(locks.asked.get()).as("lock requests before this worker leads").isZero();
				Awaitility.await().atMost(WAIT).until(() -> !this.workers.isEmpty());
				this.workers.get(0).send(new ControlMessage.GrantLeadership());
				Awaitility.await().atMost(WAIT).until(() -> job.runs() >= 3);
				assertThat(locks.asked.get()).isGreaterThanOrEqualTo(job.runs());
			});
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
