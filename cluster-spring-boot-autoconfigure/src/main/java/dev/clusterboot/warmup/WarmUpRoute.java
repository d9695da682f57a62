package dev.clusterboot.warmup;

import java.util.Map;

/**
 * One request a worker sends to itself while it warms up: a method, a path on the
 * worker's own server, and the headers to send with it.
 *
 * @param method the HTTP method, for example {@code GET}
 * @param path the path and query, starting with {@code /}
 * @param headers extra request headers
 * @author cluster-spring-boot-starter
 */
public record WarmUpRoute(String method, String path, Map<String, String> headers) {

	/**
	 * Create a route.
	 * @param method the HTTP method, for example {@code GET}
	 * @param path the path and query, starting with {@code /}
	 * @param headers extra request headers
	 */
	public WarmUpRoute {
		headers = Map.copyOf(headers);
	}

	/**
	 * Return the route as a log names it: {@code GET /}.
	 * @return the method and the path
	 */
	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}
