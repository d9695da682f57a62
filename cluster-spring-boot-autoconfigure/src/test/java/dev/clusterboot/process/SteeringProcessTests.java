package dev.clusterboot.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master steers new connections over the port's {@code SO_REUSEPORT} group: on each
 * web server a worker paused with {@code SIGSTOP} (as a long GC pause or a frozen VM
 * would) gets no new connection once it has missed its load reports, and gets them again
 * after {@code SIGCONT}, and the endpoint counts it; a worker whose request threads are
 * all blocked while its heartbeat flows gets none until they are free; with stickiness, every connection from one client address lands
 * on the same worker; and where a worker cannot attach the program, the cluster serves on
 * the kernel's hash and says why.
 */
class SteeringProcessTests {

	private static final Pattern ANSWER = Pattern.compile("worker (\\d+) pid (\\d+)");

	/**
	 * The request threads of each worker where a test blocks them all.
	 */
	private static final int REQUEST_THREADS = 4;

	/**
	 * Gives the parking requests time to hold every request thread of a worker before its
	 * stall counts: it completes nothing from the first one on.
	 */
	private static final String STALLED_AFTER_PARKING = "--cluster.steering.stalled-after=3s";

	/**
	 * Leaves the exclusions alone to decide: with slow requests counted, a paused or
	 * blocked worker's share falls before it is excluded, and the parking requests that
	 * should fill its threads go elsewhere.
	 */
	private static final String WITHOUT_SLOW_REQUESTS = "--cluster.steering.slow-after=10s";

	@ParameterizedTest
	@EnumSource(WebServer.class)
	void aPausedWorkerGetsNoNewConnectionsUntilItResumes(WebServer server) {
		try (ClusterProcess cluster = ClusterProcess.start(server, ClusterProcess.freePort(),
				"--cluster.steering.mode=load", WITHOUT_SLOW_REQUESTS)) {
			JsonNode status = awaitSteering(cluster, "ACTIVE");
			long paused = status.get("workers").get(1).get("process").get("pid").asLong();
			Signals.send("STOP", paused);
			try {
				// within the threshold (500ms of missed load reports) and one program swap
				awaitEveryAnswerFromAnotherWorker(cluster, status, paused, Duration.ofSeconds(10));
				for (int i = 0; i < 30; i++) {
					assertThat(answeringPid(cluster.port(), null)).isNotEqualTo(paused).isPositive();
				}
			}
			finally {
				Signals.send("CONT", paused);
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ZERO)
				.until(() -> answeringPid(cluster.port(), null) == paused);
			assertThat(cluster.cluster().get("steering").get("exclusions").get("UNRESPONSIVE").asLong())
				.as("times the paused worker was steered around").isPositive();
		}
	}

	@Test
	void aWorkerWhoseRequestThreadsAreAllBlockedGetsNoNewConnectionsUntilTheyAreFree(@TempDir Path directory)
			throws Exception {
		Path parkFile = Files.createFile(directory.resolve("park"));
		ExecutorService clients = Executors.newCachedThreadPool();
		// load: least would send most parking requests to the other worker, and never fill
		// the blocked worker's threads that the master's stall exclusion is about
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--test.park-file=" + parkFile,
				"--server.tomcat.threads.max=" + REQUEST_THREADS, "--server.tomcat.threads.min-spare=" + REQUEST_THREADS,
				"--cluster.steering.mode=load", WITHOUT_SLOW_REQUESTS, STALLED_AFTER_PARKING)) {
			JsonNode status = awaitSteering(cluster, "ACTIVE");
			JsonNode worker = status.get("workers").get(1);
			int blockedId = worker.get("id").asInt();
			long blocked = worker.get("process").get("pid").asLong();
			// until the blocked worker's threads are all held, so that it completes nothing
			// for the stall threshold (3s here) while its heartbeat flows
			holdEveryRequestThread(clients, cluster.port(), blockedId, parkFile);
			// asked on new connections, which reach the blocked worker until it is excluded
			awaitEveryAnswerFromAnotherWorker(cluster, status, blocked, Duration.ofSeconds(20));
			for (int i = 0; i < 30; i++) {
				assertThat(answeringPid(cluster.port(), null)).isNotEqualTo(blocked).isPositive();
			}
			// its slow requests may have steered connections away before the stall threshold
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> "STALLED".equals(exclusionOf(cluster.cluster(), blocked)));
			Files.delete(parkFile);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ZERO)
				.until(() -> answeringPid(cluster.port(), null) == blocked);
		}
		finally {
			Files.deleteIfExists(parkFile);
			clients.shutdownNow();
		}
	}

	@Test
	void withLeastConnectionsAWorkerServingALongRequestGetsNoNewConnectionWhileTheOtherIsIdle(
			@TempDir Path directory) throws Exception {
		Path parkFile = Files.createFile(directory.resolve("park"));
		ExecutorService clients = Executors.newCachedThreadPool();
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--test.park-file=" + parkFile,
				"--cluster.steering.mode=least", WITHOUT_SLOW_REQUESTS)) {
			JsonNode worker = awaitSteering(cluster, "ACTIVE").get("workers").get(1);
			int busyId = worker.get("id").asInt();
			long busy = worker.get("process").get("pid").asLong();
			// a park lands where the choice sends it; one that lands elsewhere answers at once
			Future<Long> parked = null;
			for (int attempt = 0; attempt < 20 && parked == null; attempt++) {
				Future<Long> request = clients.submit(() -> get(cluster.port(), "/park?worker=" + busyId, 60_000));
				try {
					request.get(500, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					parked = request;
				}
			}
			assertThat(parked).as("a request parked on worker " + busyId).isNotNull();
			for (int i = 0; i < 30; i++) {
				assertThat(answeringPid(cluster.port(), null)).isNotEqualTo(busy).isPositive();
			}
			Files.delete(parkFile);
			assertThat(parked.get(10, TimeUnit.SECONDS)).isEqualTo(busy);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ZERO)
				.until(() -> answeringPid(cluster.port(), null) == busy);
			assertThat(cluster.cluster().get("steering").get("mode").asString()).isEqualTo("LEAST");
		}
		finally {
			Files.deleteIfExists(parkFile);
			clients.shutdownNow();
		}
	}

	@Test
	void stickyConnectionsFromOneAddressLandOnOneWorkerEveryTime() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--cluster.steering.mode=sticky")) {
			awaitSteering(cluster, "ACTIVE");
			for (String client : new String[] { "127.0.0.2", "127.0.0.3" }) {
				Set<Long> pids = new HashSet<>();
				for (int i = 0; i < 20; i++) {
					pids.add(answeringPid(cluster.port(), client));
				}
				assertThat(pids).as("workers that answered " + client).hasSize(1).doesNotContain(-1L);
			}
		}
	}

	@Test
	void whereAWorkerCannotAttachTheProgramTheClusterServesOnTheKernelsHashAndSaysWhy() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--cluster.steering.mode=load",
				"--cluster.worker.jvm-args=-XX:TieredStopAtLevel=1,-Xss512k,-Djna.nounpack=true,-Djna.nosys=true,"
						+ "-Djna.boot.library.path=/nonexistent")) {
			JsonNode status = awaitSteering(cluster, "UNAVAILABLE");
			assertThat(status.get("steering").toString()).containsIgnoringCase("native library");
			Set<Long> pids = new HashSet<>();
			for (int i = 0; i < 40; i++) {
				pids.add(answeringPid(cluster.port(), null));
			}
			assertThat(pids).as("workers that answered on the kernel's hash").hasSize(2).doesNotContain(-1L);
		}
	}

	/**
	 * Send parking requests a few at a time until every request thread of the worker is
	 * held: load steering sends fewer of them to the worker as they land, so a fixed number
	 * of them may leave a thread free. Each held thread says so in a file beside the park
	 * file.
	 */
	private static void holdEveryRequestThread(ExecutorService clients, int port, int workerId, Path parkFile) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (heldThreads(parkFile) >= REQUEST_THREADS) {
					return true;
				}
				for (int i = 0; i < REQUEST_THREADS; i++) {
					clients.execute(() -> get(port, "/park?worker=" + workerId, 60_000));
				}
				return false;
			});
	}

	private static long heldThreads(Path parkFile) throws IOException {
		String prefix = parkFile.getFileName() + ".held.";
		try (Stream<Path> files = Files.list(parkFile.getParent())) {
			return files.filter((file) -> file.getFileName().toString().startsWith(prefix)).count();
		}
	}

	private static JsonNode awaitSteering(ClusterProcess cluster, String state) {
		// steering active, and both workers' joins reported and both taking connections: a
		// worker's heartbeat can say it is up before its steering reporter has told the
		// master that its socket joined, or that it is ready
		return cluster.awaitCluster(ClusterProcess.STARTUP, (status) -> status.get("upWorkers").asInt() == 2
				&& status.has("steering") && state.equals(status.get("steering").get("state").asString())
				&& (!"ACTIVE".equals(state) || bothTakeConnections(status.get("steering").get("workers"))));
	}

	private static boolean bothTakeConnections(JsonNode steered) {
		return steered.size() == 2 && !steered.get(0).has("exclusion") && !steered.get(1).has("exclusion");
	}

	private static @Nullable String exclusionOf(JsonNode cluster, long pid) {
		for (JsonNode worker : cluster.get("steering").get("workers")) {
			if (worker.get("pid").asLong() == pid) {
				return worker.path("exclusion").asString(null);
			}
		}
		return null;
	}

	/**
	 * Wait until new connections reach only the workers other than the given one; when
	 * they do not in time, say how the master and the kernel ordered the port's sockets.
	 */
	private static void awaitEveryAnswerFromAnotherWorker(ClusterProcess cluster, JsonNode before, long excluded,
			Duration within) {
		try {
			Awaitility.await()
				.atMost(within)
				.pollInterval(Duration.ZERO)
				.until(() -> everyAnswerIsFromAnotherWorker(cluster.port(), excluded, 20));
		}
		catch (ConditionTimeoutException ex) {
			String output = cluster.output();
			throw new AssertionError("New connections still reached worker (pid " + excluded + ") after " + within
					+ "; the master's steering before: " + before.get("steering") + "; the sockets in join order: "
					+ ListeningSockets.joinOrder(cluster.port(), ClusterProcess.workerPids(before))
					+ "; the end of the output:\n" + output.substring(Math.max(0, output.length() - 4000)), ex);
		}
	}

	private static boolean everyAnswerIsFromAnotherWorker(int port, long paused, int requests) {
		for (int i = 0; i < requests; i++) {
			long pid = answeringPid(port, null);
			if (pid == paused || pid < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Send {@code GET /} on a new connection, from the given local address if any, and
	 * return the pid of the worker that answered, or -1 when none answered within a
	 * second (a connection the kernel handed to a paused worker).
	 */
	private static long answeringPid(int port, @Nullable String from) {
		return get(port, from, "/", 1000);
	}

	private static long get(int port, String path, int timeoutMillis) {
		return get(port, null, path, timeoutMillis);
	}

	/**
	 * Send {@code GET} on a new connection, from the given local address if any, and
	 * return the pid of the worker that answered, or -1 when none answered in time.
	 */
	private static long get(int port, @Nullable String from, String path, int timeoutMillis) {
		try (Socket socket = new Socket()) {
			if (from != null) {
				socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			}
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
			socket.setSoTimeout(timeoutMillis);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Matcher matcher = ANSWER.matcher(response);
			return matcher.find() ? Long.parseLong(matcher.group(2)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
