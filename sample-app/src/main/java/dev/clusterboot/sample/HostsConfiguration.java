package dev.clusterboot.sample;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * The {@code hosts} profile: the sample as one host of several behind a load balancer,
 * sharing the application's PostgreSQL and Redis. Its {@link JdbcLockRegistry} on the
 * database holds the lock that {@code cluster.leadership.lock} names, so that
 * {@link ReportJob} runs once per period across every host, and
 * {@code cluster.caches.across-hosts.enabled} carries {@code DELETE /cached/{key}} to every
 * worker of every host on Redis ({@code application.yml}).
 *
 * @author cluster-spring-boot-starter
 */
@Configuration(proxyBeanMethods = false)
@Profile("hosts")
class HostsConfiguration {

	@Bean
	DefaultLockRepository lockRepository(DataSource dataSource) {
		DefaultLockRepository repository = new DefaultLockRepository(dataSource);
		// PostgreSQL: a host that finds the lock taken makes the server log no error
		repository.setInsertQuery(repository.getInsertQuery() + " ON CONFLICT DO NOTHING");
		return repository;
	}

	@Bean
	JdbcLockRegistry lockRegistry(DefaultLockRepository lockRepository) {
		return new JdbcLockRegistry(lockRepository);
	}

}
