package dev.clusterboot.warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clusterboot.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WarmUpRunner} against a JDK HTTP server: what it sends, when it stops,
 * and that a failing or hanging route neither stops it nor holds it past its time limit.
 */
class WarmUpRunnerTests {

	private static final Duration LONG = Duration.ofMinutes(1);

	private final MovableClock clock = new MovableClock();

	private final Queue<String> received = new ConcurrentLinkedQueue<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch gathered = new CountDownLatch(3);

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", (exchange) -> respond(exchange, 200));
		this.server.createContext("/fail", (exchange) -> respond(exchange, 500));
		this.server.createContext("/missing", (exchange) -> respond(exchange, 404));
		this.server.createContext("/gather", (exchange) -> {
			// counted in flight before it lets the others go, so that all three are seen at once
			respond(exchange, 200, () -> {
				this.gathered.countDown();
				return this.gathered.await(5, TimeUnit.SECONDS);
			});
		});
		this.server.createContext("/slow", (exchange) -> respond(exchange, 200, () -> {
			Thread.sleep(800);
			return true;
		}));
		this.server.createContext("/tick", (exchange) -> {
			this.clock.advance(Duration.ofSeconds(1));
			respond(exchange, 200);
		});
		this.server.createContext("/hang", (exchange) -> {
			record(exchange);
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void sendsEveryRouteItsShareWithItsMethodItsHeadersAndTheWarmUpHeader() {
		WarmUpSummary summary = runner(
				List.of(route("GET", "/", Map.of()), route("HEAD", "/?page=2", Map.of("Accept", "text/plain"))),
				new WarmUpLimits(LONG, 4, 1, LONG))
			.run(this.server.getAddress());
		assertThat(this.received).containsExactlyInAnyOrder("GET / true null", "HEAD /?page=2 true text/plain",
				"GET / true null", "HEAD /?page=2 true text/plain");
		assertThat(summary.requests()).isEqualTo(4);
		assertThat(summary.failures()).isZero();
		assertThat(summary.end()).isEqualTo(WarmUpSummary.End.REQUESTS);
	}

	@Test
	void stopsStartingRequestsOnceItsDurationHasPassed() {
		WarmUpSummary summary = runner(List.of(route("GET", "/tick", Map.of())),
				new WarmUpLimits(Duration.ofSeconds(3), 0, 1, LONG))
			.run(this.server.getAddress());
		assertThat(this.received).hasSize(3);
		assertThat(summary.requests()).isEqualTo(3);
		assertThat(summary.elapsed()).isEqualTo(Duration.ofSeconds(3));
		assertThat(summary.end()).isEqualTo(WarmUpSummary.End.DURATION);
	}

	@Test
	void stopsAtTheTimeLimitEvenWhenItsDurationIsLonger() {
		WarmUpSummary summary = runner(List.of(route("GET", "/tick", Map.of())),
				new WarmUpLimits(Duration.ofSeconds(10), 0, 1, Duration.ofSeconds(2)))
			.run(this.server.getAddress());
		assertThat(this.received).hasSize(2);
		assertThat(summary.end()).isEqualTo(WarmUpSummary.End.TIME_LIMIT);
	}

	@Test
	void keepsAtMostItsConcurrencyInFlight() {
		WarmUpSummary summary = runner(List.of(route("GET", "/gather", Map.of())),
				new WarmUpLimits(LONG, 30, 3, LONG))
			.run(this.server.getAddress());
		assertThat(summary.requests()).isEqualTo(30);
		assertThat(this.received).hasSize(30);
		assertThat(this.maxInFlight).hasValue(3);
	}

	@Test
	void aSlowRouteDoesNotHoldBackTheOthers() {
		WarmUpSummary summary = new WarmUpRunner(List.of(route("GET", "/hang", Map.of()), route("GET", "/", Map.of())),
				new WarmUpLimits(LONG, 20, 1, Duration.ofSeconds(2)), Clock.systemUTC())
			.run(this.server.getAddress());
		assertThat(this.received).containsOnlyOnce("GET /hang true null");
		assertThat(this.received.stream().filter("GET / true null"::equals)).hasSize(10);
		assertThat(summary.end()).isEqualTo(WarmUpSummary.End.TIME_LIMIT);
	}

	@Test
	void countsServerErrorsAndRefusedConnectionsAsFailuresAndKeepsGoing() throws IOException {
		WarmUpSummary summary = runner(List.of(route("GET", "/fail", Map.of()), route("GET", "/missing", Map.of()),
				route("GET", "/", Map.of())), new WarmUpLimits(LONG, 6, 1, LONG))
			.run(this.server.getAddress());
		assertThat(summary.requests()).isEqualTo(6);
		assertThat(summary.failures()).isEqualTo(2);
		assertThat(summary.failuresByCause()).containsExactly(Map.entry("GET /fail: HTTP 500", 2L));
		assertThat(summary).hasToString("3 routes, 6 requests, 2 failed (GET /fail: HTTP 500 x2), 0ms, "
				+ "ended by its request count");
		InetSocketAddress closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
		}
		WarmUpSummary refused = runner(List.of(route("GET", "/", Map.of())), new WarmUpLimits(LONG, 3, 1, LONG))
			.run(closed);
		assertThat(refused.failures()).isEqualTo(3);
		assertThat(refused.failuresByCause()).containsExactly(Map.entry("GET /: ConnectException", 3L));
	}

	@Test
	void waitsForTheRequestsInFlightWhenItsDurationEnds() {
		WarmUpSummary summary = new WarmUpRunner(List.of(route("GET", "/slow", Map.of())),
				new WarmUpLimits(Duration.ofMillis(200), 0, 2, Duration.ofSeconds(5)), Clock.systemUTC())
			.run(this.server.getAddress());
		assertThat(summary.requests()).isEqualTo(2);
		assertThat(summary.failures()).isZero();
		assertThat(summary.end()).isEqualTo(WarmUpSummary.End.DURATION);
	}

	@Test
	void returnsByItsTimeLimitWhenARouteHangs() {
		long started = System.nanoTime();
		WarmUpSummary summary = new WarmUpRunner(List.of(route("GET", "/hang", Map.of()), route("GET", "/", Map.of())),
				new WarmUpLimits(LONG, 0, 2, Duration.ofMillis(500)), Clock.systemUTC())
			.run(this.server.getAddress());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
		assertThat(summary.end()).isEqualTo(WarmUpSummary.End.TIME_LIMIT);
		assertThat(this.received).contains("GET /hang true null");
	}

	private WarmUpRunner runner(List<WarmUpRoute> routes, WarmUpLimits limits) {
		return new WarmUpRunner(routes, limits, this.clock);
	}

	private static WarmUpRoute route(String method, String path, Map<String, String> headers) {
		return new WarmUpRoute(method, path, headers);
	}

	private void respond(HttpExchange exchange, int status) throws IOException {
		respond(exchange, status, () -> true);
	}

	private void respond(HttpExchange exchange, int status, Gate gate) throws IOException {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		try {
			record(exchange);
			gate.pass();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			// out of flight before the response goes: the response lets its sender send the
			// next request, which another server thread may count before this one gets here
			this.inFlight.decrementAndGet();
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private void record(HttpExchange exchange) {
		String query = (exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery()
				: "";
		this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + query + " "
				+ exchange.getRequestHeaders().getFirst(WarmUpRunner.HEADER) + " "
				+ exchange.getRequestHeaders().getFirst("Accept"));
	}

	/**
	 * What a request waits for before it is answered.
	 */
	interface Gate {

		boolean pass() throws InterruptedException;

	}

}
