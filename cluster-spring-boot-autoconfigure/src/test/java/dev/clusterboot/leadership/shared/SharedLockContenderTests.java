package dev.clusterboot.leadership.shared;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.leaderapp.CuttableProxy;
import dev.clusterboot.leaderapp.LockDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedLockContender}: two hosts' leaders contend for one lock of
 * Spring Integration's {@code JdbcLockRegistry} on a real PostgreSQL server, one of them
 * through a proxy that the test cuts as a network partition would, so that its calls
 * hang.
 */
class SharedLockContenderTests {

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(2);

	private static LockDatabase database;

	private final List<ControlMessage> reports = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startDatabase() {
		database = LockDatabase.start();
	}

	@AfterAll
	static void stopDatabase() {
		database.close();
	}

	@Test
	void aLeaderCutOffFromTheDatabaseStopsLeadingBeforeItsLockExpiresAndAnotherHostTakesIt() throws Exception {
		SharedLockContender other = contender(database.dataSource(), (message) -> { });
		try (CuttableProxy proxy = new CuttableProxy(database.port())) {
			SharedLockContender cutOff = contender(new DriverManagerDataSource(LockDatabase.url(proxy.port())),
					this.reports::add);
			try {
				cutOff.hostGranted();
				Awaitility.await().atMost(Duration.ofSeconds(5)).until(cutOff.leadership()::isLeader);
				other.hostGranted();
				Awaitility.await().during(Duration.ofSeconds(1)).until(() -> !other.leadership().isLeader());
				long cutAt = System.nanoTime();
				proxy.cut();
				Awaitility.await()
					.atMost(TIME_TO_LIVE)
					.pollInterval(Duration.ofMillis(10))
					.until(() -> !cutOff.leadership().isLeader());
				long stoppedAfter = millisSince(cutAt);
				Awaitility.await()
					.atMost(TIME_TO_LIVE.plusSeconds(3))
					.pollInterval(Duration.ofMillis(10))
					.until(other.leadership()::isLeader);
				long takenAfter = millisSince(cutAt);
				System.out.println("Cut off from the database: stopped leading " + stoppedAfter + "ms after the cut, "
						+ "the other host led " + takenAfter + "ms after it (time-to-live " + TIME_TO_LIVE.toMillis()
						+ "ms)");
				assertThat(stoppedAfter).as("stopped leading, ms after the cut")
					.isLessThanOrEqualTo(TIME_TO_LIVE.dividedBy(2).toMillis() + 300);
				assertThat(takenAfter).as("the other host leads, ms after the cut").isGreaterThan(stoppedAfter);
				assertThat(cutOff.leadership().isLeader(LeadershipScope.HOST)).isTrue();
				Awaitility.await()
					.atMost(Duration.ofSeconds(1))
					.until(() -> this.reports.equals(
							List.of(new ControlMessage.SharedLock(true), new ControlMessage.SharedLock(false))));
			}
			finally {
				proxy.close();
				cutOff.destroy();
			}
		}
		finally {
			other.destroy();
		}
	}

	@Test
	void aHostsLeaderThatIsRevokedStopsAtOnceAndReleasesTheLockForTheNextHost() throws Exception {
		SharedLockContender first = contender(database.dataSource(), this.reports::add);
		SharedLockContender second = contender(database.dataSource(), (message) -> { });
		try {
			first.hostGranted();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(first.leadership()::isLeader);
			second.hostGranted();
			first.hostRevoked();
			assertThat(first.leadership().isLeader()).isFalse();
			Awaitility.await().atMost(Duration.ofSeconds(2)).until(second.leadership()::isLeader);
			assertThat(this.reports).containsExactly(new ControlMessage.SharedLock(true),
					new ControlMessage.SharedLock(false));
		}
		finally {
			first.destroy();
			second.destroy();
		}
	}

	private static SharedLockContender contender(DataSource dataSource, MasterLink master) {
		DefaultLockRepository repository = new DefaultLockRepository(dataSource);
		repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
		repository.setInsertQuery(repository.getInsertQuery() + " ON CONFLICT DO NOTHING");
		repository.afterPropertiesSet();
		repository.afterSingletonsInstantiated();
		return new SharedLockContender("reports", new JdbcLockRegistry(repository), TIME_TO_LIVE, master,
				LockLease.monotonicClock());
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
