package dev.clusterboot.leaderapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An application with one {@code @Scheduled} job every 500 ms that appends each run to
 * the file named by {@code leader-test.runs}, as one line {@code <epoch millis> <pid>}:
 * appends of short lines are atomic, so every worker can write to the same file and the
 * test reads who ran when.
 * <p>
 * With {@code cluster.leadership.lock} set, it has a {@link JdbcLockRegistry} on its
 * {@code spring.datasource.*} database, as an application whose hosts share one leader
 * would.
 */
@SpringBootApplication
@EnableScheduling
public class LeaderTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeaderTestApplication.class, args);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("cluster.leadership.lock")
	static class SharedLockConfiguration {

		@Bean
		DefaultLockRepository lockRepository(DataSource dataSource) {
			DefaultLockRepository repository = new DefaultLockRepository(dataSource);
			// PostgreSQL: a host that finds the lock taken does not make the server log an error
			repository.setInsertQuery(repository.getInsertQuery() + " ON CONFLICT DO NOTHING");
			return repository;
		}

		@Bean
		JdbcLockRegistry lockRegistry(DefaultLockRepository lockRepository) {
			return new JdbcLockRegistry(lockRepository);
		}

	}

	@Component
	static class RecordedJob {

		private final Path runs;

		RecordedJob(@Value("${leader-test.runs}") Path runs) {
			this.runs = runs;
		}

		@Scheduled(fixedDelay = 500) // a delay, not a rate: a late run is never followed by catch-up runs
		void run() throws IOException {
			Files.writeString(this.runs, System.currentTimeMillis() + " " + ProcessHandle.current().pid() + "\n",
					StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
		}

	}

}
