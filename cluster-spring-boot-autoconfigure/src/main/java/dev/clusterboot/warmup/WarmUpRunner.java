package dev.clusterboot.warmup;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Warms a worker up: sends requests for the configured routes to one address, the
 * worker's own private loopback listener, within {@link WarmUpLimits}, and says what
 * happened in a {@link WarmUpSummary}. Every request carries
 * {@value #HEADER}{@code : true}, so that metrics and access logs can tell warm-up
 * traffic apart. A failed request (no connection, no response in time, a 5xx status) is
 * counted, never retried nor thrown, and {@link #run} returns by the hard time limit
 * whatever the server does, abandoning what is still in flight.
 *
 * @author cluster-spring-boot-starter
 */
public final class WarmUpRunner {

	/**
	 * The header that marks a warm-up request.
	 */
	public static final String HEADER = "X-Cluster-Warm-Up";

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private final List<WarmUpRoute> routes;

	private final WarmUpLimits limits;

	private final Clock clock;

	/**
	 * Create a runner.
	 * @param routes the routes to warm, at least one; requests go to them in turn
	 * @param limits how much warm-up to do
	 */
	public WarmUpRunner(List<WarmUpRoute> routes, WarmUpLimits limits) {
		this(routes, limits, Clock.systemUTC());
	}

	WarmUpRunner(List<WarmUpRoute> routes, WarmUpLimits limits, Clock clock) {
		if (routes.isEmpty()) {
			throw new IllegalArgumentException("A warm-up needs at least one route");
		}
		this.routes = List.copyOf(routes);
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Warm up the server at the given address.
	 * @param target the address of the worker's own private listener
	 * @return what the warm-up did
	 */
	public WarmUpSummary run(InetSocketAddress target) {
		return run(target, () -> false);
	}

	/**
	 * Warm up the server at the given address until the warm-up's limits end it, or until
	 * {@code stop} says to end it sooner (checked before each request).
	 * @param target the address of the worker's own private listener
	 * @param stop whether to end the warm-up now, for example because the worker has
	 * joined the port already
	 * @return what the warm-up did
	 */
	public WarmUpSummary run(InetSocketAddress target, BooleanSupplier stop) {
		HttpClient client = newClient();
		Instant start = this.clock.instant();
		WarmUpRun run = new WarmUpRun(client, baseUri(target), this.clock, start, stop);
		int routeCount = this.routes.size();
		ExecutorService senders = Executors.newFixedThreadPool(this.limits.concurrency() * routeCount,
				new SenderThreads());
		for (int index = 0; index < routeCount; index++) {
			WarmUpRoute route = this.routes.get(index);
			WarmUpLimits share = this.limits.shareOf(index, routeCount);
			if (share == null) {
				continue;
			}
			AtomicLong tickets = new AtomicLong();
			for (int i = 0; i < this.limits.concurrency(); i++) {
				senders.execute(() -> run.send(route, share, tickets));
			}
		}
		senders.shutdown();
		try {
			if (!senders.awaitTermination(this.limits.timeLimit().toNanos(), TimeUnit.NANOSECONDS)) {
				run.endWith(WarmUpSummary.End.TIME_LIMIT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			run.endWith(WarmUpSummary.End.INTERRUPTED);
		}
		senders.shutdownNow();
		return run.summary(this.routes.size());
	}

	/**
	 * Create the client before the warm-up's clock starts: in a JVM that has just started,
	 * loading the HTTP client's classes can take longer than a short warm-up.
	 */
	private HttpClient newClient() {
		Duration limit = this.limits.timeLimit();
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout((limit.compareTo(MAX_CONNECT_TIMEOUT) < 0) ? limit : MAX_CONNECT_TIMEOUT)
			.build();
	}

	private static String baseUri(InetSocketAddress target) {
		String host = target.getAddress().getHostAddress();
		return "http://" + ((target.getAddress() instanceof Inet6Address) ? "[" + host + "]" : host) + ":"
				+ target.getPort();
	}

	/**
	 * Daemon threads named for the warm-up, so that an abandoned request never keeps the
	 * JVM alive.
	 */
	private static final class SenderThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "cluster-warm-up-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
