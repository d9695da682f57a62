package dev.clusterboot.sample;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.clusterboot.leaderapp.LockDatabase;
import dev.clusterboot.process.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code hosts} profile wires the sample to a real PostgreSQL and a real Redis, as the
 * two-host demo starts them: Spring Integration's tables exist, the lock that
 * {@code cluster.leadership.lock} names can be taken, and Redis answers.
 */
@SpringBootTest
@ActiveProfiles("hosts")
class HostsProfileTests {

	private static final LockDatabase database = LockDatabase.start();

	private static final EmbeddedRedis redis = EmbeddedRedis.start();

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void stopServers() {
		redis.close();
		database.close();
	}

	@Autowired
	private LockRegistry locks;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private RedisConnectionFactory redisConnections;

	@Test
	void theReportJobsLockLivesInTheSharedDatabase() throws SQLException {
		Lock lock = this.locks.obtain("sample-report-job");
		assertThat(lock.tryLock()).isTrue();
		try (Connection connection = this.dataSource.getConnection();
				ResultSet held = connection.createStatement().executeQuery("select count(*) from int_lock")) {
			assertThat(held.next()).isTrue();
			assertThat(held.getInt(1)).isOne();
		}
		finally {
			lock.unlock();
		}
	}

	@Test
	void redisAnswers() {
		try (var connection = this.redisConnections.getConnection()) {
			assertThat(connection.ping()).isEqualTo("PONG");
		}
	}

}
