package dev.clusterboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.clusterboot.caches.ClusterCachesProperties;
import dev.clusterboot.caches.OtherHosts;
import dev.clusterboot.caches.redis.HostRelay;
import dev.clusterboot.caches.redis.LeaderSubscription;
import dev.clusterboot.caches.redis.RedisEvictions;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.metrics.ClusterCachesMeterBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterCachesAcrossHostsAutoConfiguration}: off unless turned on, on
 * Redis when there is a {@link RedisConnectionFactory}, a warning when there is none, and
 * nothing where caches are not kept coherent or outside a worker. Nothing here connects
 * to Redis: a worker publishes only when a cache changes, and subscribes only when it
 * leads its host. A silent control socket stands in for the master.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterCachesAcrossHostsAutoConfigurationTests {

	@RegisterExtension
	final FakeMaster master = FakeMaster.silent();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class, CacheAutoConfiguration.class,
					ClusterAutoConfiguration.class, ClusterMessagesAutoConfiguration.class,
					ClusterLeadershipAutoConfiguration.class, ClusterCoherentCachesAutoConfiguration.class,
					ClusterCachesAcrossHostsAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=simple");
	}

	private ApplicationContextRunner worker() {
		return runner().withPropertyValues(this.master.workerEnvironment(1));
	}

	@Test
	void isOffByDefault() {
		worker().run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(OtherHosts.class)
			.doesNotHaveBean(LeaderSubscription.class));
	}

	@Test
	void turnedOnItPublishesEvictionsAndSubscribesOnRedis() {
		worker().withPropertyValues("cluster.caches.across-hosts.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(RedisEvictions.class)
				.hasSingleBean(HostRelay.class)
				.hasSingleBean(LeaderSubscription.class)
				.hasSingleBean(ClusterCachesMeterBinder.class);
			assertThat(context.getBean(OtherHosts.class)).isSameAs(context.getBean(RedisEvictions.class));
		});
	}

	@Test
	void turnedOnWithoutRedisItSaysSoOnce(CapturedOutput output) {
		worker().withPropertyValues("cluster.caches.across-hosts.enabled=true")
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(OtherHosts.class);
				assertThat(output.getOut()).containsOnlyOnce("cluster.caches.across-hosts.enabled=true, but there is "
						+ "no RedisConnectionFactory bean");
			});
	}

	@Test
	void staysOffWhereCachesAreNotKeptCoherentOrOutsideAWorker() {
		worker().withPropertyValues("cluster.caches.across-hosts.enabled=true", "cluster.caches.coherent=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OtherHosts.class));
		runner().withPropertyValues("cluster.caches.across-hosts.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OtherHosts.class));
	}

	@Test
	void theChannelIsNamedAfterTheApplicationUnlessSet() {
		ClusterCachesProperties.AcrossHosts acrossHosts = new ClusterCachesProperties.AcrossHosts();
		assertThat(acrossHosts.channel(null)).isEqualTo("cluster:caches");
		assertThat(acrossHosts.channel(" ")).isEqualTo("cluster:caches");
		assertThat(acrossHosts.channel("orders")).isEqualTo("cluster:caches:orders");
		acrossHosts.setChannel("evictions");
		assertThat(acrossHosts.channel("orders")).isEqualTo("evictions");
	}

	@Test
	void refusesValuesOutOfRangeNamingTheProperty() {
		worker().withPropertyValues("cluster.caches.across-hosts.queue-capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cluster.caches.across-hosts.queue-capacity")
				.hasMessageContaining("must be between 1 and 65536"));
		worker().withPropertyValues("cluster.caches.across-hosts.retry-interval=10ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cluster.caches.across-hosts.retry-interval")
				.hasMessageContaining("must be between 100ms and 5m"));
		worker().withPropertyValues("cluster.caches.across-hosts.channel= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cluster.caches.across-hosts.channel"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
