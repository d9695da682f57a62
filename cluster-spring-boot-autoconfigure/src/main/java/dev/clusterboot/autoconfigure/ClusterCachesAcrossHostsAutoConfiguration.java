package dev.clusterboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.caches.ClusterCachesProperties;
import dev.clusterboot.caches.CoherentCaches;
import dev.clusterboot.caches.redis.HostRelay;
import dev.clusterboot.caches.redis.LeaderSubscription;
import dev.clusterboot.caches.redis.RedisEvictions;
import dev.clusterboot.metrics.ClusterCachesMeterBinder;
import dev.clusterboot.startup.ClusterProperties;

/**
 * Auto-configuration of coherent caches across hosts in a cluster worker, on Redis
 * pub/sub through the application's {@link RedisConnectionFactory}: each worker publishes
 * its caches' evictions ({@link RedisEvictions}), and the worker that leads its host
 * subscribes and relays the other hosts' evictions to its workers
 * ({@link LeaderSubscription}, {@link HostRelay}). Off by default;
 * {@code cluster.caches.across-hosts.enabled=true} turns it on, where coherent caches are
 * on. Ordered after Boot's Redis auto-configuration by name, so that Spring Data Redis
 * stays optional; turned on without a {@link RedisConnectionFactory}, it says so once.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(
		after = { ClusterCoherentCachesAutoConfiguration.class, ClusterMessagesAutoConfiguration.class,
				ClusterLeadershipAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClusterWorker
@ConditionalOnBooleanProperty("cluster.caches.across-hosts.enabled")
@ConditionalOnBean({ CoherentCaches.class, WorkerIdentity.class })
@EnableConfigurationProperties(ClusterProperties.class)
public final class ClusterCachesAcrossHostsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ClusterCachesAcrossHostsAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	static class RedisConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisEvictions clusterRedisEvictions(RedisConnectionFactory factory, ClusterProperties properties,
				WorkerIdentity identity, ObjectProvider<JsonMapper> mapper, Environment environment) {
			ClusterCachesProperties.AcrossHosts acrossHosts = properties.getCaches().getAcrossHosts();
			return new RedisEvictions(factory, channel(acrossHosts, environment), origin(identity), mapper(mapper),
					acrossHosts.getQueueCapacity(), acrossHosts.getRetryInterval());
		}

		@Bean
		@ConditionalOnMissingBean
		HostRelay clusterHostRelay(WorkerIdentity identity, CoherentCaches caches,
				ObjectProvider<ClusterMessages> messages, ClusterProperties properties) {
			return new HostRelay(origin(identity), caches, messages,
					properties.getCaches().getAcrossHosts().getQueueCapacity());
		}

		@Bean
		@ConditionalOnMissingBean
		LeaderSubscription clusterLeaderSubscription(RedisConnectionFactory factory, ClusterProperties properties,
				ObjectProvider<JsonMapper> mapper, HostRelay relay, Environment environment) {
			ClusterCachesProperties.AcrossHosts acrossHosts = properties.getCaches().getAcrossHosts();
			return new LeaderSubscription(factory, channel(acrossHosts, environment), mapper(mapper), relay,
					acrossHosts.getRetryInterval());
		}

		/**
		 * The id of this worker's host: the same in every worker of one master, and
		 * another for every other master, whose control socket is in a directory with a
		 * random name.
		 */
		private static String origin(WorkerIdentity identity) {
			return UUID.nameUUIDFromBytes((identity.masterPid() + ":" + identity.controlSocket())
				.getBytes(StandardCharsets.UTF_8)).toString();
		}

		private static String channel(ClusterCachesProperties.AcrossHosts acrossHosts, Environment environment) {
			return acrossHosts.channel(environment.getProperty("spring.application.name"));
		}

		private static JsonMapper mapper(ObjectProvider<JsonMapper> mapper) {
			return mapper.getIfAvailable(() -> JsonMapper.builder().build());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class CachesMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ClusterCachesMeterBinder clusterCachesMeterBinder(RedisEvictions evictions, HostRelay relay) {
				return new ClusterCachesMeterBinder(evictions, relay);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(type = "org.springframework.data.redis.connection.RedisConnectionFactory")
	static class NoRedisConfiguration {

		@Bean
		static SmartInitializingSingleton clusterCachesAcrossHostsWithoutRedis() {
			return () -> logger.warn("cluster.caches.across-hosts.enabled=true, but there is no RedisConnectionFactory "
					+ "bean (add spring-boot-starter-data-redis and set spring.data.redis.*), so coherent caches stop "
					+ "at this host's edge");
		}

	}

}
