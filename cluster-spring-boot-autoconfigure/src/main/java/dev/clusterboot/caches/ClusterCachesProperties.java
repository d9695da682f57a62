package dev.clusterboot.caches;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.clusterboot.properties.PropertyBounds;

/**
 * Configuration properties of the workers' local caches ({@code cluster.caches.*}).
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterCachesProperties {

	/**
	 * Whether a put, an eviction or a clear on a worker's local cache (ConcurrentMap,
	 * Caffeine, JCache on Caffeine's or Ehcache's provider) evicts the same entries on
	 * every other worker.
	 */
	private boolean coherent = true;

	@NestedConfigurationProperty
	private final AcrossHosts acrossHosts = new AcrossHosts();

	public boolean isCoherent() {
		return this.coherent;
	}

	public void setCoherent(boolean coherent) {
		this.coherent = coherent;
	}

	public AcrossHosts getAcrossHosts() {
		return this.acrossHosts;
	}

	/**
	 * Coherent caches across hosts, on Redis pub/sub ({@code cluster.caches.across-hosts.*}).
	 */
	public static class AcrossHosts {

		/**
		 * The channel's name when neither it nor spring.application.name is set.
		 */
		static final String CHANNEL_PREFIX = "cluster:caches";

		/**
		 * Whether each worker also publishes its caches' evictions on Redis, and each host's
		 * leader relays those of the other hosts to its workers. Needs a RedisConnectionFactory
		 * bean (Spring Data Redis).
		 */
		private boolean enabled = false;

		/**
		 * Redis channel the evictions travel on, the same for every host of the application
		 * and no other. Default: 'cluster:caches:' followed by spring.application.name, or
		 * 'cluster:caches' without a name.
		 */
		private @Nullable String channel;

		/**
		 * Most evictions a worker keeps waiting to be published, from 1 to 65536; beyond it,
		 * an eviction is dropped and counted, and its cache cleared on the other hosts once
		 * Redis takes this worker's evictions again.
		 */
		private int queueCapacity = 1024;

		/**
		 * How often a worker tries Redis again while it is unreachable, and how long the
		 * host's leader waits before subscribing again after a failure, from 100ms to 5m.
		 */
		private Duration retryInterval = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getChannel() {
			return this.channel;
		}

		public void setChannel(@Nullable String channel) {
			if (channel != null && channel.isBlank()) {
				throw new InvalidConfigurationPropertyValueException("cluster.caches.across-hosts.channel", channel,
						"must not be blank");
			}
			this.channel = channel;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = PropertyBounds.check("cluster.caches.across-hosts.queue-capacity", queueCapacity, 1,
					65536);
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = PropertyBounds.check("cluster.caches.across-hosts.retry-interval", retryInterval,
					Duration.ofMillis(100), Duration.ofMinutes(5));
		}

		/**
		 * Return the channel to use: the one set, or one named after the application, so
		 * that two applications sharing a Redis do not evict each other's entries.
		 * @param applicationName {@code spring.application.name}, or {@code null}
		 * @return the channel's name
		 */
		public String channel(@Nullable String applicationName) {
			if (this.channel != null) {
				return this.channel;
			}
			return (applicationName != null && !applicationName.isBlank())
					? CHANNEL_PREFIX + ":" + applicationName.trim() : CHANNEL_PREFIX;
		}

	}

}
