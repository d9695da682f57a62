package dev.clusterboot.portgroup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clusterboot.process.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Two workers' joins, in two processes, take turns: one that starts while another
 * worker's is under way ends after it, so their moments are in the order their sockets
 * joined.
 */
class PortJoinsTests {

	@Test
	void aJoinWaitsForTheTurnOfAnotherProcessAndTakesALaterMoment(@TempDir Path directory) throws Exception {
		Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				WebServer.TOMCAT.classPath(), OtherWorkersJoin.class.getName(), directory.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
				OutputStream in = other.getOutputStream()) {
			assertThat(out.readLine()).isEqualTo("in its turn");
			AtomicReference<Thread> joiner = new AtomicReference<>();
			CompletableFuture<Long> ours = CompletableFuture.supplyAsync(() -> {
				joiner.set(Thread.currentThread());
				return PortJoins.inDirectory(directory).join(() -> {
				});
			});
			// waiting for the file lock
			Awaitility.await()
				.atMost(Duration.ofSeconds(1))
				.pollInterval(Duration.ofMillis(1))
				.until(() -> joiner.get() != null && joiner.get().getState() == Thread.State.TIMED_WAITING);
			in.write('\n');
			in.flush();
			long theirs = Long.parseLong(out.readLine());
			assertThat(ours.get(5, TimeUnit.SECONDS)).isGreaterThan(theirs);
		}
		finally {
			other.destroyForcibly();
			other.waitFor(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aJoinWhoseListenFailsGivesTheTurnBack(@TempDir Path directory) {
		PortJoins joins = PortJoins.inDirectory(directory);
		IOException refused = new IOException("Address already in use");
		assertThatIOException().isThrownBy(() -> joins.join(() -> {
			throw refused;
		})).isSameAs(refused);
		long started = System.nanoTime();
		joins.join(() -> {
		});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PortJoins.WAIT);
		assertThat(directory.resolve(PortJoins.FILE_NAME)).exists();
	}

	/**
	 * Another worker's join: takes the turn, says so, and ends it with its moment when a
	 * line arrives on its input.
	 */
	public static final class OtherWorkersJoin {

		public static void main(String[] args) throws IOException {
			PortJoins.Joining turn = PortJoins.inDirectory(Path.of(args[0])).begin();
			System.out.println("in its turn");
			System.in.read();
			System.out.println(turn.listened());
		}

	}

}
