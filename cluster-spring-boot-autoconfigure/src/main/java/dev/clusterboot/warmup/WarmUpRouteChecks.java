package dev.clusterboot.warmup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks of the configured warm-up routes, so that a worker only ever sends itself
 * requests it can send safely: an allowed HTTP method, a path on its own server, and
 * headers the warm-up does not set itself, each on one line. A route that fails is
 * rejected with an {@link InvalidConfigurationPropertyValueException} naming its property.
 *
 * @author cluster-spring-boot-starter
 */
final class WarmUpRouteChecks {

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/**
	 * Headers the HTTP client sets itself, or that the warm-up sets on every request.
	 */
	private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade", WarmUpRunner.HEADER.toLowerCase(Locale.ROOT));

	private WarmUpRouteChecks() {
	}

	/**
	 * Check a route, and write its method in upper case.
	 * @param name the route's property, such as {@code cluster.worker.warm-up.routes[0]}
	 * @param route the route
	 * @param allowedMethods the methods routes may use, in upper case
	 * @param allowedMethodsName the property that lists them
	 */
	static void checkRoute(String name, ClusterWarmUpProperties.Route route, List<String> allowedMethods,
			String allowedMethodsName) {
		String method = checkMethod(name + ".method", route.getMethod());
		if (!allowedMethods.contains(method)) {
			throw new InvalidConfigurationPropertyValueException(name + ".method", route.getMethod(),
					"must be one of " + String.join(", ", allowedMethods) + " (the methods listed in "
							+ allowedMethodsName + "; list " + method
							+ " there too if repeating this request is safe)");
		}
		route.setMethod(method);
		checkPath(name + ".path", route.getPath());
		route.getHeaders().forEach((header, value) -> checkHeader(name + ".headers", header, value));
	}

	/**
	 * Check that a value is an HTTP method.
	 * @param name the property that holds it
	 * @param method the value
	 * @return the method in upper case
	 */
	static String checkMethod(String name, @Nullable String method) {
		if (method == null || !TOKEN.matcher(method).matches()) {
			throw new InvalidConfigurationPropertyValueException(name, method,
					"must be an HTTP method such as GET or HEAD");
		}
		return method.toUpperCase(Locale.ROOT);
	}

	private static void checkPath(String name, @Nullable String path) {
		if (path == null || !path.startsWith("/") || path.startsWith("//")) {
			throw new InvalidConfigurationPropertyValueException(name, path,
					"must be a path on the worker's own server starting with a single '/', such as /orders?page=1");
		}
		try {
			URI uri = new URI("http://127.0.0.1" + path);
			if (uri.getRawFragment() != null) {
				throw new URISyntaxException(path, "a fragment is never sent");
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(name, path,
					"must be a path and query as a URI writes them, with special characters percent-encoded and no"
							+ " '#' (" + ex.getReason() + ")");
		}
	}

	private static void checkHeader(String name, String header, @Nullable String value) {
		if (!TOKEN.matcher(header).matches() || RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
			throw new InvalidConfigurationPropertyValueException(name + "." + header, value,
					"must be a header name other than Connection, Content-Length, Expect, Host, Upgrade and "
							+ WarmUpRunner.HEADER + ", which the warm-up sets itself");
		}
		if (value == null || value.chars().anyMatch((c) -> c == '\r' || c == '\n')) {
			throw new InvalidConfigurationPropertyValueException(name + "." + header, value,
					"must be a header value on one line");
		}
	}

}
