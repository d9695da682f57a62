package dev.clusterboot.channel;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how a {@link ControlServer} stands up to peers that misbehave and to accepts
 * that fail, over a real Unix domain socket.
 */
@ExtendWith(OutputCaptureExtension.class)
class ControlServerTests {

	private static final ServerLimits LIMITS = new ServerLimits(3, 1024);

	@TempDir
	Path directory;

	private final RecordingHandler handler = new RecordingHandler();

	@Test
	void keepsAcceptingAfterAcceptsFailAndWaitsLongerWhileTheyKeepFailing(CapturedOutput output) throws Exception {
		// calls 1 to 3 and 5 to 6 fail, as when no file descriptor is left
		List<Integer> failing = List.of(1, 2, 3, 5, 6);
		AtomicInteger calls = new AtomicInteger();
		List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
		try (ControlServer server = ControlServer.listen(this.directory.resolve("test.sock"), "test", LIMITS,
				this.handler, (channel) -> {
					if (failing.contains(calls.incrementAndGet())) {
						throw new IOException("Too many open files");
					}
					return channel.accept();
				}, pauses::add)) {
			assertThat(helloArrives(server, 1)).isTrue();
			assertThat(helloArrives(server, 2)).isTrue();
		}
		assertThat(pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
				Duration.ofMillis(10), Duration.ofMillis(20));
		assertThat(occurrences(output, "Test socket cannot accept connections (Too many open files)"))
			.as("one warning per run of failures")
			.isEqualTo(2);
		assertThat(output).contains("Test socket accepts connections again, after 3 failed attempts",
					"Test socket accepts connections again, after 2 failed attempts");
	}

	@Test
	void servesAtMostItsLimitOfConnectionsAndClosesFurtherOnesAtOnce(CapturedOutput output) throws Exception {
		try (ControlServer server = ControlServer.listen(this.directory.resolve("capped.sock"), "capped", LIMITS,
				this.handler)) {
			List<ControlConnection> served = new ArrayList<>();
			for (int worker = 1; worker <= 3; worker++) {
				served.add(ControlConnection.connect(server.socket()));
				served.get(worker - 1).send(hello(worker, "token"));
				assertThat(this.handler.next()).isEqualTo(hello(worker, "token"));
			}
			try (ControlConnection refused = ControlConnection.connect(server.socket())) {
				assertThat(CompletableFuture.supplyAsync(() -> receive(refused)).get(5, TimeUnit.SECONDS)).isNull();
			}
			assertThat(connectionThreads()).isEqualTo(3);
			awaitLogged(output, "Capped socket refused a connection: 3 connections are open, the most");
			served.remove(0).close();
			assertThat(helloArrivesOnceASlotIsFree(server, 4)).isTrue();
			for (ControlConnection connection : served) {
				connection.close();
			}
		}
	}

	@Test
	void cutsOffAPeerWhoseLineIsLongerThanTheLimitWithoutWaitingForItsEnd(CapturedOutput output) throws Exception {
		try (ControlServer server = ControlServer.listen(this.directory.resolve("test.sock"), "test", LIMITS,
				this.handler)) {
			try (SocketChannel peer = connect(server)) {
				peer.write(ByteBuffer.wrap("x".repeat(4096).getBytes(StandardCharsets.US_ASCII)));
				assertThat(closedByServer(peer)).isTrue();
			}
			awaitLogged(output, "Test socket cut off a connection: it sent a line longer than 1024 bytes");
			try (ControlConnection worker = ControlConnection.connect(server.socket())) {
				String longestToken = "t".repeat(1024 - ControlJson.write(hello(1, "")).length());
				worker.send(hello(1, longestToken));
				assertThat(this.handler.next()).isEqualTo(hello(1, longestToken));
			}
		}
	}

	@Test
	void cutsOffAPeerThatAsksForAFractionOfAWorker(CapturedOutput output) throws Exception {
		try (ControlServer server = ControlServer.listen(this.directory.resolve("test.sock"), "test", LIMITS,
				this.handler)) {
			try (SocketChannel peer = connect(server)) {
				peer.write(ByteBuffer.wrap("{\"type\":\"scale-request\",\"workers\":1.5}\n{\"type\":\"status-request\"}\n"
					.getBytes(StandardCharsets.US_ASCII)));
				assertThat(closedByServer(peer)).isTrue();
			}
			assertThat(this.handler.received()).isEmpty();
			awaitLogged(output, "Test socket cut off a connection: it sent an unreadable message");
		}
	}

	/**
	 * The server frees a closed connection's slot when its reading thread sees the end of
	 * the stream, a moment after the peer closed it; a connection in between is refused.
	 */
	private boolean helloArrivesOnceASlotIsFree(ControlServer server, int worker) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (ControlConnection connection = ControlConnection.connect(server.socket())) {
				connection.send(hello(worker, "token"));
				if (hello(worker, "token").equals(this.handler.next(500))) {
					return true;
				}
			}
			catch (IOException ex) {
				// refused while the slot was still taken: try again
			}
		}
		return false;
	}

	private boolean helloArrives(ControlServer server, int worker) throws Exception {
		try (ControlConnection connection = ControlConnection.connect(server.socket())) {
			connection.send(hello(worker, "token"));
			return hello(worker, "token").equals(this.handler.next());
		}
	}

	private static ControlMessage.Hello hello(int worker, String token) {
		return new ControlMessage.Hello(worker, 40 + worker, token);
	}

	private static SocketChannel connect(ControlServer server) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		channel.connect(UnixDomainSocketAddress.of(server.socket()));
		return channel;
	}

	/**
	 * Whether the server closes the connection within five seconds.
	 */
	private static boolean closedByServer(SocketChannel peer) throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return peer.read(ByteBuffer.allocate(64)) < 0;
			}
			catch (IOException ex) {
				return true;
			}
		}).completeOnTimeout(false, 5, TimeUnit.SECONDS).get();
	}

	private static ControlMessage receive(ControlConnection connection) {
		try {
			return connection.receive();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

	private static long connectionThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("cluster-capped-") && !thread.getName().endsWith("accept"))
			.count();
	}

	/**
	 * Wait for a line the server logs on its connection's thread, which may come just
	 * after the peer sees its connection closed.
	 */
	private static void awaitLogged(CapturedOutput output, String text) {
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output).contains(text));
	}

}
