package dev.clusterboot.process.messagesapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.Cache;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterMessageEvent;
import dev.clusterboot.api.ClusterMessages;

/**
 * An application that talks between its workers: {@code POST /messages} sends a
 * {@link Note} to every other worker, {@code GET /messages} lists what this worker
 * received and from whom; {@code GET /cached/{key}} reads through a
 * {@code ConcurrentMapCacheManager} and says how often this worker loaded the key,
 * {@code POST /cached/{key}/evict} evicts it. {@code POST /pings?count=N} sends N timed
 * pings to the other worker of two, {@code GET /pings} gives the one-way latencies this worker
 * measured, for {@code MessagesLatencyBenchmark}. {@code POST /cached/pings?count=N}
 * evicts N timed keys, {@code GET /cached/pings} gives the latencies at which this worker's
 * cache was asked for each key that another worker evicted, for
 * {@code CachesAcrossHostsLatencyBenchmark}; with {@code cluster.caches.across-hosts.*}
 * and Redis, the evictions cross hosts.
 */
@SpringBootApplication
@EnableCaching
public class MessagesTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(MessagesTestApplication.class, args);
	}

	/**
	 * A message between workers.
	 * @param text what it says
	 */
	public record Note(String text) {
	}

	/**
	 * A timed message, stamped with the sender's {@link System#nanoTime()}, which Linux
	 * keeps on one clock for every process.
	 * @param sentAt when it was sent
	 */
	public record Ping(long sentAt) {
	}

	/**
	 * What a worker received.
	 * @param from the sender's id
	 * @param text what it said
	 */
	public record Received(int from, String text) {
	}

	@RestController
	static class MessagesController {

		private final ClusterMessages messages;

		private final List<Received> received = new CopyOnWriteArrayList<>();

		private final List<String> bare = new CopyOnWriteArrayList<>();

		private final List<Long> latencies = new CopyOnWriteArrayList<>();

		MessagesController(ClusterMessages messages) {
			this.messages = messages;
		}

		@PostMapping("/messages")
		Map<String, Object> send(@RequestBody Note note) {
			this.messages.sendToAll(note);
			return Map.of("worker", this.messages.worker());
		}

		@GetMapping("/messages")
		Map<String, Object> received() {
			return Map.of("worker", this.messages.worker(), "received", this.received, "bare", this.bare);
		}

		@EventListener
		void on(ClusterMessageEvent<Note> event) {
			this.received.add(new Received(event.sender(), event.getPayload().text()));
		}

		@EventListener
		void on(Note note) {
			this.bare.add(note.text());
		}

		@EventListener
		void on(Ping ping) {
			this.latencies.add(System.nanoTime() - ping.sentAt());
		}

		@PostMapping("/pings")
		Map<String, Object> ping(@RequestParam int count) throws InterruptedException {
			int other = 3 - this.messages.worker();
			for (int i = 0; i < count; i++) {
				this.messages.sendTo(other, new Ping(System.nanoTime()));
				Thread.sleep(1);
			}
			return Map.of("worker", this.messages.worker());
		}

		@GetMapping("/pings")
		Map<String, Object> pings(@RequestParam(defaultValue = "false") boolean reset) {
			List<Long> taken = new ArrayList<>(this.latencies);
			if (reset) {
				this.latencies.clear();
			}
			return Map.of("worker", this.messages.worker(), "nanos", taken);
		}

	}

	/**
	 * The cache manager Boot's simple cache type creates, but whose caches note when they
	 * are asked for a timed key ({@code ping-<nanoTime>}): what coherent caches do with
	 * each eviction that arrives before they evict.
	 */
	@Bean
	ConcurrentMapCacheManager cacheManager(EvictionTimes times) {
		return new ConcurrentMapCacheManager() {

			@Override
			protected Cache createConcurrentMapCache(String name) {
				return new ConcurrentMapCache(name, isAllowNullValues()) {

					@Override
					public @Nullable ValueWrapper get(Object key) {
						times.asked(key);
						return super.get(key);
					}

				};
			}

		};
	}

	/**
	 * When timed keys evicted elsewhere reached this worker, as one-way latencies.
	 */
	@Component
	static class EvictionTimes {

		static final String PREFIX = "ping-";

		private final List<Long> latencies = new CopyOnWriteArrayList<>();

		void asked(Object key) {
			if (key instanceof String name && name.startsWith(PREFIX)) {
				this.latencies.add(System.nanoTime() - Long.parseLong(name.substring(PREFIX.length())));
			}
		}

		List<Long> take() {
			List<Long> taken = new ArrayList<>(this.latencies);
			this.latencies.clear();
			return taken;
		}

	}

	@Service
	static class Lookups {

		private final Map<String, AtomicLong> loads = new ConcurrentHashMap<>();

		@Cacheable("lookups")
		public String lookup(String key) {
			this.loads.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
			return key.toUpperCase();
		}

		@CacheEvict("lookups")
		public void evict(String key) {
		}

		long loads(String key) {
			AtomicLong count = this.loads.get(key);
			return (count != null) ? count.get() : 0;
		}

	}

	@RestController
	static class CachedController {

		private final Lookups lookups;

		private final ClusterMessages messages;

		private final EvictionTimes times;

		CachedController(Lookups lookups, ClusterMessages messages, EvictionTimes times) {
			this.lookups = lookups;
			this.messages = messages;
			this.times = times;
		}

		@GetMapping("/cached/{key}")
		Map<String, Object> read(@PathVariable String key) {
			String value = this.lookups.lookup(key);
			return Map.of("worker", this.messages.worker(), "value", value, "loads", this.lookups.loads(key));
		}

		@PostMapping("/cached/{key}/evict")
		Map<String, Object> evict(@PathVariable String key) {
			this.lookups.evict(key);
			return Map.of("worker", this.messages.worker());
		}

		@PostMapping("/cached/pings")
		Map<String, Object> evictTimedKeys(@RequestParam int count) throws InterruptedException {
			for (int i = 0; i < count; i++) {
				this.lookups.evict(EvictionTimes.PREFIX + System.nanoTime());
				Thread.sleep(1);
			}
			return Map.of("worker", this.messages.worker());
		}

		@GetMapping("/cached/pings")
		Map<String, Object> evictionTimes() {
			return Map.of("worker", this.messages.worker(), "nanos", this.times.take());
		}

	}

}
