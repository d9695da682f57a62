package dev.clusterboot.caches.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.caches.CacheEviction;
import dev.clusterboot.caches.OtherHosts;

/**
 * A worker's evictions for the other hosts, published on a Redis channel by a thread of
 * its own: the thread that changed the cache only queues the eviction, and never waits
 * for Redis. The queue is bounded; an eviction that finds it full, or that Redis does not
 * take, is dropped and counted, with one WARN line per outage, and the caches concerned
 * are cleared on the other hosts once Redis takes this worker's messages again
 * ({@link MissedEvictions}).
 *
 * @author cluster-spring-boot-starter
 */
public class RedisEvictions implements OtherHosts, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisEvictions.class);

	private final Consumer<byte[]> publish;

	private final String channel;

	private final String origin;

	private final JsonMapper mapper;

	private final BlockingQueue<CacheEviction> queue;

	private final MissedEvictions missed;

	private final Duration retry;

	private final LongSupplier nanoTime;

	private final LongAdder published = new LongAdder();

	private final Map<EvictionDropReason, LongAdder> drops = new EnumMap<>(EvictionDropReason.class);

	private final Thread publisher;

	private volatile boolean running = true;

	/**
	 * Start publishing a worker's evictions.
	 * @param factory the application's Redis connections
	 * @param channel the channel every host of the application shares
	 * @param origin the id of this worker's host
	 * @param mapper writes the messages
	 * @param capacity the most evictions waiting to be published
	 * @param retry how often to try Redis again while it is down
	 */
	public RedisEvictions(RedisConnectionFactory factory, String channel, String origin, JsonMapper mapper,
			int capacity, Duration retry) {
		this(publisher(factory, channel), channel, origin, mapper, capacity, retry, System::nanoTime);
	}

	RedisEvictions(Consumer<byte[]> publish, String channel, String origin, JsonMapper mapper, int capacity,
			Duration retry, LongSupplier nanoTime) {
		this.publish = publish;
		this.channel = channel;
		this.origin = origin;
		this.mapper = mapper;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.missed = new MissedEvictions(retry);
		this.retry = retry;
		this.nanoTime = nanoTime;
		for (EvictionDropReason reason : EvictionDropReason.values()) {
			this.drops.put(reason, new LongAdder());
		}
		this.publisher = new Thread(this::run, "cluster-caches-redis-publisher");
		this.publisher.setDaemon(true);
		this.publisher.start();
	}

	private static Consumer<byte[]> publisher(RedisConnectionFactory factory, String channel) {
		byte[] name = channel.getBytes(StandardCharsets.UTF_8);
		return (message) -> {
			try (RedisConnection connection = factory.getConnection()) {
				connection.publish(name, message);
			}
		};
	}

	@Override
	public void tell(CacheEviction eviction) {
		if (!this.queue.offer(eviction)) {
			drop(eviction, EvictionDropReason.QUEUE_FULL, null);
		}
	}

	private void run() {
		while (this.running) {
			CacheEviction next;
			try {
				next = this.queue.poll(this.retry.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (next != null) {
				publishOrDrop(next);
			}
			publishClearsDue();
		}
	}

	private void publishOrDrop(CacheEviction eviction) {
		if (!this.missed.mayPublish()) {
			drop(eviction, EvictionDropReason.UNREACHABLE, null);
			return;
		}
		try {
			send(eviction);
		}
		catch (RuntimeException ex) {
			this.missed.failed(this.nanoTime.getAsLong());
			drop(eviction, EvictionDropReason.UNREACHABLE, ex);
		}
	}

	private void publishClearsDue() {
		List<CacheEviction> clears = this.missed.clearsDue(this.nanoTime.getAsLong());
		if (clears.isEmpty()) {
			return;
		}
		try {
			clears.forEach(this::send);
		}
		catch (RuntimeException ex) {
			this.missed.failed(this.nanoTime.getAsLong());
			logger.debug("Redis still does not take cache evictions on channel '" + this.channel + "'", ex);
			return;
		}
		long dropped = this.missed.cleared(clears);
		if (dropped > 0) {
			logger.info("Redis takes this worker's cache evictions again on channel '" + this.channel
					+ "'; the caches concerned by the " + dropped + " dropped were cleared on the other hosts");
		}
	}

	private void send(CacheEviction eviction) {
		this.publish.accept(this.mapper.writeValueAsBytes(new HostEviction(this.origin, eviction)));
		this.published.increment();
	}

	private void drop(CacheEviction eviction, EvictionDropReason reason, @Nullable RuntimeException cause) {
		this.drops.get(reason).increment();
		if (this.missed.dropped(eviction)) {
			logger.warn("Dropping cache evictions meant for the other hosts (" + ((cause != null)
					? "Redis did not take one on channel '" + this.channel + "': " + cause : "the queue is full")
					+ "); they are counted in cluster.caches.redis.dropped, and once Redis takes this worker's "
					+ "evictions again, the caches concerned are cleared on the other hosts");
		}
	}

	/**
	 * Return how many messages this worker published: evictions, and clears of caches
	 * whose evictions were dropped.
	 * @return the count since the worker started
	 */
	public long published() {
		return this.published.sum();
	}

	/**
	 * Return how many evictions this worker dropped, by reason.
	 * @return the counts, every reason included
	 */
	public Map<EvictionDropReason, Long> drops() {
		Map<EvictionDropReason, Long> counts = new EnumMap<>(EvictionDropReason.class);
		this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
		return counts;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.running = false;
		this.publisher.interrupt();
		// a publish in progress ends with Redis' timeout; the thread is a daemon
		this.publisher.join(Math.min(this.retry.toMillis(), 1000));
	}

}
