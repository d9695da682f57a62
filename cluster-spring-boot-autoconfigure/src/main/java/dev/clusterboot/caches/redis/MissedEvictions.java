package dev.clusterboot.caches.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.clusterboot.caches.CacheEviction;

/**
 * What a worker's publisher owes the other hosts after it dropped evictions, and when it
 * tries Redis again: the decisions behind {@link RedisEvictions}, without threads or
 * Redis, so that they are tested as plain functions.
 * <p>
 * An eviction dropped (the queue full, or Redis down) leaves its cache stale on the other
 * hosts, so its cache is remembered, and once Redis takes this worker's messages again
 * the publisher sends a clear of each remembered cache: the other hosts lose those
 * caches' entries rather than keep stale ones. While Redis is down, evictions are dropped
 * at once rather than each waiting for Redis' timeout, and only the clears are tried, once
 * per retry interval. Thread-safe: the caller's thread drops on a full queue, the
 * publisher's thread does the rest.
 *
 * @author cluster-spring-boot-starter
 */
final class MissedEvictions {

	private final long retryNanos;

	/**
	 * The clear owed for each cache, with the number of the last drop that owes it.
	 */
	private final Map<CacheEviction, Long> clears = new LinkedHashMap<>();

	private Map<CacheEviction, Long> sending = Map.of();

	private boolean down;

	private long lastTry;

	private long dropped;

	private long reported;

	/**
	 * Create the state of a publisher that has missed nothing yet.
	 * @param retry how long to wait between tries while Redis is down
	 */
	MissedEvictions(Duration retry) {
		this.retryNanos = retry.toNanos();
	}

	/**
	 * Remember that an eviction was dropped.
	 * @param eviction the eviction
	 * @return {@code true} when it is the first drop since the other hosts were last up to
	 * date, which is when to say so in the log
	 */
	synchronized boolean dropped(CacheEviction eviction) {
		boolean first = this.clears.isEmpty();
		this.dropped++;
		this.clears.put(CacheEviction.clear(eviction.manager(), eviction.cache()), this.dropped);
		return first;
	}

	/**
	 * Return whether to try publishing an eviction, or drop it at once.
	 * @return {@code false} while Redis is down
	 */
	synchronized boolean mayPublish() {
		return !this.down;
	}

	/**
	 * Redis failed to take a message.
	 * @param now the time, in {@link System#nanoTime()}'s terms
	 */
	synchronized void failed(long now) {
		this.down = true;
		this.lastTry = now;
	}

	/**
	 * Return the clears to publish now: none when nothing was missed, or while Redis is
	 * down and the last try is more recent than the retry interval.
	 * @param now the time, in {@link System#nanoTime()}'s terms
	 * @return one clear per cache that missed evictions
	 */
	synchronized List<CacheEviction> clearsDue(long now) {
		if (this.clears.isEmpty() || (this.down && now - this.lastTry < this.retryNanos)) {
			return List.of();
		}
		this.lastTry = now;
		this.sending = Map.copyOf(this.clears);
		return List.copyOf(this.clears.keySet());
	}

	/**
	 * Redis took the clears that {@link #clearsDue} returned. A cache dropped from again
	 * meanwhile is still owed a clear, since its clear may have left before that change.
	 * @param sent the clears
	 * @return how many evictions were dropped since the other hosts were last up to date,
	 * when they are again, or {@code 0} when other caches still wait for a clear
	 */
	synchronized long cleared(List<CacheEviction> sent) {
		this.down = false;
		sent.forEach((clear) -> this.clears.remove(clear, this.sending.get(clear)));
		if (!this.clears.isEmpty()) {
			return 0;
		}
		long total = this.dropped - this.reported;
		this.reported = this.dropped;
		return total;
	}

}
