package dev.clusterboot.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.clusterboot.channel.WorkerEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real two-worker cluster whose master runs out of file descriptors: its limit is
 * lowered (with {@code prlimit}, as {@code ulimit -n} would have set it at start) and its
 * control socket is flooded with idle connections until its accepts fail. Once the flood
 * has gone, the master accepts again: a killed worker's replacement connects and counts
 * as up, and {@code /actuator/cluster} answers.
 */
class ControlSocketFloodProcessTests {

	private static final int HEADROOM = 64;

	private static final int FLOOD = 300;

	@Test
	void masterAcceptsAgainAfterAFloodExhaustedItsFileDescriptors() throws Exception {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms")) {
			cluster.awaitWorkersUp(2);
			Path socket = controlSocket(cluster.workers().get(0).pid());
			int limit = openFiles(cluster.pid()) + HEADROOM;
			limitOpenFiles(cluster.pid(), limit);
			List<SocketChannel> flood = flood(socket);
			try {
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> openFiles(cluster.pid()) >= limit);
			}
			finally {
				for (SocketChannel connection : flood) {
					connection.close();
				}
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> openFiles(cluster.pid()) < limit - HEADROOM / 2);

			long killed = cluster.workers().get(0).pid();
			ProcessHandle.of(killed).orElseThrow().destroyForcibly();
			cluster.awaitCluster(Duration.ofSeconds(60), (status) -> status.get("upWorkers").asInt() == 2
					&& !ClusterProcess.workerPids(status).contains(killed));
			assertThat(Http.get(cluster.port(), "/actuator/cluster").status()).isEqualTo(200);
			assertThat(cluster.output()).containsOnlyOnce("Control socket cannot accept connections")
				.contains("Control socket accepts connections again")
				.doesNotContain("workers can no longer reach the master");
		}
	}

	/**
	 * The master's control socket, as the master told a worker.
	 */
	private static Path controlSocket(long worker) throws IOException {
		String environment = Files.readString(Path.of("/proc", Long.toString(worker), "environ"),
				StandardCharsets.ISO_8859_1);
		String prefix = WorkerEnvironment.CONTROL_SOCKET_VARIABLE + "=";
		return Stream.of(environment.split("\u0000"))
			.filter((variable) -> variable.startsWith(prefix))
			.map((variable) -> Path.of(variable.substring(prefix.length())))
			.findFirst()
			.orElseThrow();
	}

	private static int openFiles(long pid) throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			return (int) descriptors.count();
		}
	}

	/**
	 * Lower the soft limit only: a process may raise it again up to its hard limit, and
	 * the workers the master starts from now on raise theirs at start.
	 */
	private static void limitOpenFiles(long pid, int limit) throws Exception {
		Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":")
			.redirectErrorStream(true)
			.start();
		assertThat(prlimit.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(prlimit.exitValue()).as(new String(prlimit.getInputStream().readAllBytes())).isZero();
	}

	/**
	 * Open idle connections until there are {@value #FLOOD} or one cannot connect within a
	 * second because the master no longer accepts and its backlog is full.
	 */
	private static List<SocketChannel> flood(Path socket) throws Exception {
		List<SocketChannel> connections = new ArrayList<>();
		ExecutorService connector = Executors.newSingleThreadExecutor();
		try {
			for (int i = 0; i < FLOOD; i++) {
				SocketChannel connection = SocketChannel.open(StandardProtocolFamily.UNIX);
				connections.add(connection);
				Future<Boolean> connected = connector
					.submit(() -> connection.connect(UnixDomainSocketAddress.of(socket)));
				try {
					connected.get(1, TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					connected.cancel(true);
					break;
				}
			}
			return connections;
		}
		finally {
			connector.shutdownNow();
		}
	}

}
