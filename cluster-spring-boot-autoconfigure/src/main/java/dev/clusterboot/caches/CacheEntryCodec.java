package dev.clusterboot.caches;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a cache key so that another worker can read it back as an equal key, and
 * digests a cached value, both with the application's {@link JsonMapper}. A key that does
 * not come back equal from its JSON (Spring's {@code SimpleKey} of several arguments, an
 * object without a creator) has no JSON here, and its eviction clears the whole cache on
 * the other workers instead.
 *
 * @author cluster-spring-boot-starter
 */
final class CacheEntryCodec {

	private final JsonMapper mapper;

	private final ClassLoader classLoader;

	CacheEntryCodec(JsonMapper mapper, ClassLoader classLoader) {
		this.mapper = mapper;
		this.classLoader = classLoader;
	}

	/**
	 * Write a key.
	 * @param key the key
	 * @return its JSON, or {@code null} when it would not come back equal
	 */
	@Nullable String writeKey(Object key) {
		try {
			String json = this.mapper.writeValueAsString(key);
			return key.equals(this.mapper.readValue(json, key.getClass())) ? json : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Read a key that another worker wrote.
	 * @param type the key's class
	 * @param json its JSON
	 * @return the key, or {@code null} when this worker cannot read it
	 */
	@Nullable Object readKey(String type, String json) {
		try {
			return this.mapper.readValue(json, ClassUtils.forName(type, this.classLoader));
		}
		catch (ClassNotFoundException | LinkageError | JacksonException ex) {
			return null;
		}
	}

	/**
	 * Digest a value by its JSON, so that equal values on two workers digest the same.
	 * @param value the value, possibly {@code null}
	 * @return the digest, or {@code null} when the value cannot be written
	 */
	@Nullable String digest(@Nullable Object value) {
		try {
			byte[] json = this.mapper.writeValueAsBytes(value);
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(json));
		}
		catch (RuntimeException | NoSuchAlgorithmException ex) {
			return null;
		}
	}

	/**
	 * Whether a value held here is the one whose digest another worker sent.
	 * @param value the value held here
	 * @param digest the digest sent, or {@code null}
	 * @return {@code true} only when both digests exist and are equal
	 */
	boolean matches(@Nullable Object value, @Nullable String digest) {
		return digest != null && Objects.equals(digest, digest(value));
	}

}
