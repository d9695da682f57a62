package dev.clusterboot.caches;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * A local cache that tells the other workers about each change: a put, an eviction or a
 * clear first changes this worker's cache, then sends a {@link CacheEviction} to every
 * other worker. Reads, and values a cache loads itself
 * ({@link #get(Object, Callable)}), are this worker's alone.
 *
 * @author cluster-spring-boot-starter
 */
final class CoherentCache implements Cache {

	private final Cache cache;

	private final String manager;

	private final CacheEntryCodec codec;

	private final Consumer<CacheEviction> others;

	/**
	 * Wrap a cache.
	 * @param cache the local cache
	 * @param manager the name of its manager's bean
	 * @param codec writes keys and digests values
	 * @param others sends an eviction to every other worker
	 */
	CoherentCache(Cache cache, String manager, CacheEntryCodec codec, Consumer<CacheEviction> others) {
		this.cache = cache;
		this.manager = manager;
		this.codec = codec;
		this.others = others;
	}

	@Override
	public String getName() {
		return this.cache.getName();
	}

	@Override
	public Object getNativeCache() {
		return this.cache.getNativeCache();
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		return this.cache.get(key);
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		return this.cache.get(key, type);
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		return this.cache.get(key, valueLoader);
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		return this.cache.retrieve(key);
	}

	@Override
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		return this.cache.retrieve(key, valueLoader);
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		this.cache.put(key, value);
		tell(key, this.codec.digest(value));
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		ValueWrapper existing = this.cache.putIfAbsent(key, value);
		if (existing == null) {
			tell(key, this.codec.digest(value));
		}
		return existing;
	}

	@Override
	public void evict(Object key) {
		this.cache.evict(key);
		tell(key, null);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		boolean evicted = this.cache.evictIfPresent(key);
		tell(key, null);
		return evicted;
	}

	@Override
	public void clear() {
		this.cache.clear();
		this.others.accept(CacheEviction.clear(this.manager, getName()));
	}

	@Override
	public boolean invalidate() {
		boolean invalidated = this.cache.invalidate();
		this.others.accept(CacheEviction.clear(this.manager, getName()));
		return invalidated;
	}

	private void tell(Object key, @Nullable String digest) {
		String json = this.codec.writeKey(key);
		this.others.accept((json != null)
				? new CacheEviction(this.manager, getName(), key.getClass().getName(), json, digest)
				: CacheEviction.clear(this.manager, getName()));
	}

}
