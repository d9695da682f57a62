package dev.clusterboot.sample;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample, started the way the README says: {@code java -jar sample-app.jar}
 * becomes a master whose two workers, relaunched with {@code -jar}, share the port.
 */
class SampleJarIT {

	@Test
	void javaDashJarStartsATwoWorkerClusterThatStopsCleanlyOnSigterm() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path jar = Path.of("target", "sample-app.jar").toAbsolutePath();
		Process master = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target", "sample-jar-it.log").toFile())
			.start();
		try {
			Set<String> workers = new HashSet<>();
			Awaitility.await()
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> {
					workers.add(get(port, "/").strip().replaceAll(" \\(pid .*", ""));
					return workers.size() == 2;
				});
			assertThat(workers).containsExactlyInAnyOrder("Hello from worker 1", "Hello from worker 2");
			assertThat(get(port, "/cpu?iterations=10")).contains(" from worker ");
			List<ProcessHandle> children = master.toHandle().children().toList();
			assertThat(children).hasSize(2);
			master.destroy();
			assertThat(master.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(master.exitValue()).isZero();
			assertThat(children).noneMatch(ProcessHandle::isAlive);
		}
		finally {
			master.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
			master.destroyForcibly();
		}
	}

	private static String get(int port, String path) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
			.toURL()
			.openConnection();
		connection.setRequestProperty("Connection", "close");
		connection.setConnectTimeout(1000);
		connection.setReadTimeout(5000);
		try {
			assertThat(connection.getResponseCode()).isEqualTo(200);
			return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		finally {
			connection.disconnect();
		}
	}

}
