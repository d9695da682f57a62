package dev.clusterboot.caches.redis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;

import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.caches.CacheEviction;
import dev.clusterboot.caches.CoherentCaches;
import dev.clusterboot.caches.OtherWorkers;

/**
 * Applies the other hosts' evictions on this host. On the host's leader, which holds the
 * subscription ({@link LeaderSubscription}), each eviction from Redis is applied to the
 * leader's own caches and relayed to the host's other workers through
 * {@link ClusterMessages}; a host's own evictions, which its workers already told each
 * other, are dropped. On every other worker, what the leader relays is applied. Each
 * (re)subscription clears every coherent cache of the host, since evictions published
 * while the host had no subscription were missed.
 * <p>
 * Redis' callbacks only queue; the work runs on a thread of its own, in order. When that
 * thread falls behind by more than the queue holds, what arrives is dropped and the host's
 * caches are cleared once the thread catches up.
 *
 * @author cluster-spring-boot-starter
 */
public class HostRelay implements DisposableBean {

	private static final Log logger = LogFactory.getLog(HostRelay.class);

	private final String origin;

	private final CoherentCaches caches;

	private final ObjectProvider<ClusterMessages> messages;

	private final ThreadPoolExecutor worker;

	private final AtomicBoolean overflowed = new AtomicBoolean();

	private final LongAdder received = new LongAdder();

	/**
	 * Create the relay of one worker.
	 * @param origin the id of this worker's host
	 * @param caches this worker's coherent caches
	 * @param messages reaches the host's other workers
	 * @param capacity the most evictions from Redis waiting to be applied
	 */
	public HostRelay(String origin, CoherentCaches caches, ObjectProvider<ClusterMessages> messages, int capacity) {
		this.origin = origin;
		this.caches = caches;
		this.messages = messages;
		this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
				(runnable) -> {
					Thread thread = new Thread(runnable, "cluster-caches-redis-relay");
					thread.setDaemon(true);
					return thread;
				}, (runnable, executor) -> this.overflowed.set(true));
	}

	/**
	 * Take an eviction that arrived from Redis, on the leader.
	 * @param eviction the eviction, from any host
	 */
	void received(HostEviction eviction) {
		if (!eviction.origin().equals(this.origin)) {
			this.worker.execute(() -> applyAndRelay(eviction));
		}
	}

	/**
	 * The leader subscribed, for the first time or again after a loss: clear the host's
	 * coherent caches, which missed whatever was published meanwhile.
	 * @param channel the channel's name, for the log
	 */
	void subscribed(String channel) {
		this.worker.execute(() -> {
			int cleared = applyAndRelay(HostEviction.clearAll(this.origin));
			logger.info("Subscribed to Redis channel '" + channel + "' for this host's workers, and cleared the "
					+ "host's coherent caches (" + cleared + " here), which may have missed evictions meanwhile");
		});
	}

	/**
	 * Apply what the host's leader relayed.
	 * @param relayed an eviction from another host, or a clear of every coherent cache
	 */
	@EventListener
	public void relayed(HostEviction relayed) {
		apply(relayed);
	}

	private int applyAndRelay(HostEviction eviction) {
		if (eviction.eviction() != null) {
			this.received.increment();
		}
		if (this.overflowed.getAndSet(false)) {
			eviction = HostEviction.clearAll(this.origin);
		}
		int applied = apply(eviction);
		relay(eviction);
		return applied;
	}

	private int apply(HostEviction relayed) {
		CacheEviction eviction = relayed.eviction();
		if (eviction == null) {
			return this.caches.clearAll();
		}
		this.caches.apply(eviction);
		return 1;
	}

	private void relay(HostEviction relayed) {
		CacheEviction eviction = relayed.eviction();
		OtherWorkers.tell(this.messages, relayed, () -> (eviction != null)
				? new HostEviction(relayed.origin(), CacheEviction.clear(eviction.manager(), eviction.cache()))
				: HostEviction.clearAll(this.origin));
	}

	/**
	 * Return how many evictions from other hosts this worker took from Redis.
	 * @return the count since the worker started, on the host's leader; zero elsewhere
	 */
	public long received() {
		return this.received.sum();
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
