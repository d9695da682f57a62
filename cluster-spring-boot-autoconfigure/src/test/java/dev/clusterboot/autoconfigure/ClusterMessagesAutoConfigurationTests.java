package dev.clusterboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.caches.CoherentCacheManager;
import dev.clusterboot.caches.CoherentCaches;
import dev.clusterboot.caches.LocalCacheDetector;
import dev.clusterboot.channel.FakeMaster;
import dev.clusterboot.messages.WorkerMessages;
import dev.clusterboot.metrics.ClusterMessagesMeterBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterMessagesAutoConfiguration} and
 * {@link ClusterCoherentCachesAutoConfiguration}: messages and coherent caches in a
 * worker, nothing in a single process, and user beans and the property respected. A
 * silent control socket stands in for the master.
 */
class ClusterMessagesAutoConfigurationTests {

	@RegisterExtension
	final FakeMaster master = FakeMaster.silent();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
				ApplicationAvailabilityAutoConfiguration.class, JacksonAutoConfiguration.class,
				ClusterAutoConfiguration.class, ClusterMessagesAutoConfiguration.class,
				ClusterCoherentCachesAutoConfiguration.class, CacheAutoConfiguration.class));
	}

	private ApplicationContextRunner worker() {
		return runner().withPropertyValues(this.master.workerEnvironment(2));
	}

	@Test
	void aWorkerHasClusterMessagesWithItsId() {
		worker().run((context) -> {
			assertThat(context).hasSingleBean(WorkerMessages.class);
			assertThat(context.getBean(ClusterMessages.class).worker()).isEqualTo(2);
		});
	}

	@Test
	void aSingleProcessHasNeitherMessagesNorCoherentCaches() {
		runner().withUserConfiguration(CachingConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ClusterMessages.class)
				.doesNotHaveBean(CoherentCaches.class));
	}

	@Test
	void backsOffForTheApplicationsOwnClusterMessages() {
		worker().withUserConfiguration(OwnMessagesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ClusterMessages.class)
				.doesNotHaveBean(WorkerMessages.class)
				.doesNotHaveBean(ClusterMessagesMeterBinder.class));
	}

	@Test
	void keepsBootsSimpleCacheCoherentSoItRaisesNoWarning() {
		worker().withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=simple")
			.run((context) -> {
				assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class)
					.isInstanceOf(CoherentCacheManager.class);
				assertThat(new LocalCacheDetector().detect(context)).isEmpty();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider",
			"org.ehcache.jsr107.EhcacheCachingProvider" })
	void keepsJCacheOnALocalProviderCoherentSoItRaisesNoWarning(String provider) {
		worker().withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=jcache", "spring.cache.jcache.provider=" + provider,
					"spring.cache.cache-names=things")
			.run((context) -> {
				assertThat(context.getBean(CacheManager.class)).isInstanceOf(JCacheCacheManager.class)
					.isInstanceOf(CoherentCacheManager.class);
				assertThat(new LocalCacheDetector().detect(context)).isEmpty();
			});
	}

	@Test
	void leavesLocalCachesAloneAndWarnedAboutWhenCoherenceIsTurnedOff() {
		worker().withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=simple", "cluster.caches.coherent=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CoherentCaches.class);
				assertThat(context.getBean(CacheManager.class)).isNotInstanceOf(CoherentCacheManager.class);
				assertThat(new LocalCacheDetector().detect(context)).hasSize(1);
			});
	}

	@Test
	void refusesAMaxSizeOutOfRangeNamingTheProperty() {
		worker().withPropertyValues("cluster.messages.max-size=64KB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cluster.messages.max-size")
				.hasMessageContaining("must be between 1B and 30KB"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMessagesConfiguration {

		@Bean
		ClusterMessages ownMessages() {
			return new ClusterMessages() {

				@Override
				public void sendToAll(Object message) {
				}

				@Override
				public void sendTo(int worker, Object message) {
				}

				@Override
				public int worker() {
					return 7;
				}

			};
		}

	}

}
