package dev.clusterboot.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.clusterboot.caches.redis.EvictionDropReason;
import dev.clusterboot.caches.redis.HostRelay;
import dev.clusterboot.caches.redis.RedisEvictions;

/**
 * Binds this worker's counters of cache evictions across hosts, on Redis:
 * {@value #PUBLISHED}, {@value #RECEIVED} (on the host's leader, which holds the
 * subscription) and {@value #DROPPED} per {@code reason} ({@code queue-full},
 * {@code unreachable}). Each worker counts its own, so a merged scrape shows them per
 * {@code worker}. Every reason is registered up front, so dashboards show zero rather
 * than no data.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterCachesMeterBinder implements MeterBinder {

	/**
	 * Name of the counter of messages published for the other hosts.
	 */
	public static final String PUBLISHED = "cluster.caches.redis.published";

	/**
	 * Name of the counter of evictions taken from the other hosts.
	 */
	public static final String RECEIVED = "cluster.caches.redis.received";

	/**
	 * Name of the counter of evictions for the other hosts that were dropped, per reason.
	 */
	public static final String DROPPED = "cluster.caches.redis.dropped";

	private static final String UNIT = "evictions";

	private final RedisEvictions evictions;

	private final HostRelay relay;

	/**
	 * Create a binder.
	 * @param evictions publishes this worker's evictions and counts them
	 * @param relay counts what this worker took from Redis
	 */
	public ClusterCachesMeterBinder(RedisEvictions evictions, HostRelay relay) {
		this.evictions = evictions;
		this.relay = relay;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(PUBLISHED, this.evictions, RedisEvictions::published)
			.description("Cache evictions, and clears after dropped ones, this worker published for the other hosts")
			.baseUnit(UNIT)
			.register(registry);
		FunctionCounter.builder(RECEIVED, this.relay, HostRelay::received)
			.description("Cache evictions from the other hosts this worker took from Redis, as its host's leader")
			.baseUnit(UNIT)
			.register(registry);
		for (EvictionDropReason reason : EvictionDropReason.values()) {
			FunctionCounter.builder(DROPPED, this.evictions, (counted) -> counted.drops().get(reason))
				.tag("reason", reason.tagValue())
				.description("Cache evictions for the other hosts that this worker dropped, by reason")
				.baseUnit(UNIT)
				.register(registry);
		}
	}

}
