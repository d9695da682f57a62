package dev.clusterboot.warmup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One warm-up in progress, started by {@link WarmUpRunner}: what its senders share (the
 * client, the counts of finished and failed requests with their causes, and how the
 * warm-up ended) and what each sender does, send a route's requests until its share of
 * the limits ends.
 *
 * @author cluster-spring-boot-starter
 */
final class WarmUpRun {

	private final String baseUri;

	private final Clock clock;

	private final Instant start;

	private final BooleanSupplier stop;

	private final HttpClient client;

	private final AtomicLong finished = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Map<String, Long> causes = new ConcurrentHashMap<>();

	private final AtomicReference<WarmUpSummary.End> end = new AtomicReference<>();

	/**
	 * Create a warm-up in progress.
	 * @param client the client its requests go through
	 * @param baseUri the worker's private listener, such as {@code http://127.0.0.1:41234}
	 * @param clock the clock the limits are measured on
	 * @param start when the warm-up started
	 * @param stop whether to end the warm-up now, checked before each request
	 */
	WarmUpRun(HttpClient client, String baseUri, Clock clock, Instant start, BooleanSupplier stop) {
		this.client = client;
		this.baseUri = baseUri;
		this.clock = clock;
		this.start = start;
		this.stop = stop;
	}

	/**
	 * Send a route's requests one after the other, until the route's share of the limits
	 * ends, the warm-up is stopped, or the thread is interrupted.
	 * @param route the route
	 * @param limits the route's share of the limits
	 * @param tickets the route's request numbers, shared by its senders
	 */
	void send(WarmUpRoute route, WarmUpLimits limits, AtomicLong tickets) {
		while (!Thread.currentThread().isInterrupted()) {
			Duration elapsed = elapsed();
			long ticket = tickets.getAndIncrement();
			WarmUpSummary.End ending = this.stop.getAsBoolean() ? WarmUpSummary.End.STOPPED
					: limits.endOf(elapsed, ticket);
			if (ending != null) {
				this.end.set(ending);
				return;
			}
			String failure = sendOne(route, limits.remaining(elapsed));
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			this.finished.incrementAndGet();
			if (failure != null) {
				this.failed.incrementAndGet();
				this.causes.merge(route + ": " + failure, 1L, Long::sum);
			}
		}
	}

	private @Nullable String sendOne(WarmUpRoute route, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUri + route.path()))
			.method(route.method(), HttpRequest.BodyPublishers.noBody())
			.timeout(timeout.isZero() ? Duration.ofMillis(1) : timeout)
			.header(WarmUpRunner.HEADER, "true");
		route.headers().forEach(request::header);
		try {
			int status = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status >= 500) ? "HTTP " + status : null;
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Record how the warm-up ended, when the senders did not end it themselves.
	 * @param end the time limit, or an interrupt
	 */
	void endWith(WarmUpSummary.End end) {
		this.end.set(end);
	}

	/**
	 * Say what the warm-up did.
	 * @param routeCount how many routes it warmed
	 * @return the summary, ended by the time limit unless something else ended it
	 */
	WarmUpSummary summary(int routeCount) {
		WarmUpSummary.End ended = this.end.get();
		return new WarmUpSummary(routeCount, this.finished.get(), this.failed.get(), Map.copyOf(this.causes),
				elapsed(), (ended != null) ? ended : WarmUpSummary.End.TIME_LIMIT);
	}

	private Duration elapsed() {
		return Duration.between(this.start, this.clock.instant());
	}

}
