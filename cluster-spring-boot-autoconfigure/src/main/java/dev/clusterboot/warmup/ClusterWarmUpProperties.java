package dev.clusterboot.warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.properties.PropertyBounds;

/**
 * Settings of the warm-up a worker does before it joins the port: requests it sends to
 * itself, on a private loopback listener of its own web server, never on the shared
 * port. Off unless routes are configured. {@link ConfiguredWarmUp} turns these values into
 * the warm-up.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterWarmUpProperties {

	private static final String PREFIX = "cluster.worker.warm-up.";

	private static final String ALLOWED_METHODS = PREFIX + "allowed-methods";

	/**
	 * Whether workers warm up when routes are configured; 'false' turns a configured
	 * warm-up off, for example to compare starts with and without it.
	 */
	private boolean enabled = true;

	/**
	 * Requests to send while warming up, in turn: each with a 'method' (GET unless set),
	 * a 'path' starting with '/' and optional 'headers'. No routes, no warm-up.
	 */
	private List<Route> routes = new ArrayList<>();

	/**
	 * HTTP methods that routes may use. Add others than GET and HEAD only for routes that
	 * are safe to call repeatedly, since warm-up requests run the application's code.
	 */
	private List<String> allowedMethods = List.of("GET", "HEAD");

	/**
	 * How long to keep sending requests, from 1ms to 10m.
	 */
	private Duration duration = Duration.ofSeconds(10);

	/**
	 * How many requests to send at most, across all routes and shared evenly between them,
	 * ending the warm-up before its duration when reached. 0 for no limit by count; at most
	 * 1000000000.
	 */
	private long requests;

	/**
	 * How many requests are in flight at once for each route, from 1 to 64: each route has
	 * senders of its own, so that a slow route never holds back the others.
	 */
	private int concurrency = 2;

	/**
	 * The hard limit on the whole warm-up, from 1s to 10m: the worker joins the port by
	 * then, whatever its requests are doing. Keep it well below
	 * 'cluster.worker.boot-timeout'.
	 */
	private Duration timeLimit = Duration.ofSeconds(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Route> getRoutes() {
		return this.routes;
	}

	public void setRoutes(List<Route> routes) {
		for (int i = 0; i < routes.size(); i++) {
			WarmUpRouteChecks.checkRoute(PREFIX + "routes[" + i + "]", routes.get(i), this.allowedMethods,
					ALLOWED_METHODS);
		}
		this.routes = routes;
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		List<String> methods = new ArrayList<>();
		for (String method : allowedMethods) {
			methods.add(WarmUpRouteChecks.checkMethod(ALLOWED_METHODS, method));
		}
		this.allowedMethods = List.copyOf(methods);
		setRoutes(this.routes);
	}

	public Duration getDuration() {
		return this.duration;
	}

	public void setDuration(Duration duration) {
		this.duration = PropertyBounds.check(PREFIX + "duration", duration, Duration.ofMillis(1),
				Duration.ofMinutes(10));
	}

	public long getRequests() {
		return this.requests;
	}

	public void setRequests(long requests) {
		this.requests = PropertyBounds.check(PREFIX + "requests", requests, 0, 1_000_000_000);
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = PropertyBounds.check(PREFIX + "concurrency", concurrency, 1, 64);
	}

	public Duration getTimeLimit() {
		return this.timeLimit;
	}

	public void setTimeLimit(Duration timeLimit) {
		this.timeLimit = PropertyBounds.check(PREFIX + "time-limit", timeLimit, Duration.ofSeconds(1),
				Duration.ofMinutes(10));
	}

	/**
	 * One request a worker sends to itself while it warms up.
	 */
	public static class Route {

		/**
		 * The HTTP method, GET unless set; it must be listed in
		 * 'cluster.worker.warm-up.allowed-methods'.
		 */
		private String method = "GET";

		/**
		 * The path and query on the worker's own server, starting with '/', for example
		 * '/orders?page=1'.
		 */
		private @Nullable String path;

		/**
		 * Headers sent with the request, for example 'Accept: application/json'.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

	}

}
