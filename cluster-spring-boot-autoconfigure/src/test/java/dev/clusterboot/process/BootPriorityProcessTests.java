package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot priority with real processes: after {@code kill -9} of one of two workers, the
 * serving worker's threads run at a higher nice value while the replacement boots, the
 * replacement's threads keep the master's, and the serving worker gets the master's back
 * once no boot runs (the test runs as root, so the master may raise it back). Nice values
 * are read as the kernel shows them: field 19 of {@code /proc/PID/task/TID/stat}.
 */
@EnabledOnOs(OS.LINUX)
class BootPriorityProcessTests {

	private static final Duration POLL = Duration.ofMillis(100);

	@Test
	void servingWorkerIsLoweredWhileAReplacementBootsAndRestoredAfter() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms", "--cluster.boot-priority.serving-nice=10")) {
			JsonNode up = cluster.awaitWorkersUp(2);
			JsonNode priority = up.get("master").get("bootPriority");
			assertThat(priority.get("mode").asString()).isEqualTo("LOWER_AND_RESTORE");
			assertThat(priority.get("servingNice").asInt()).isEqualTo(10);
			long killed = up.get("workers").get(0).get("process").get("pid").asLong();
			long serving = up.get("workers").get(1).get("process").get("pid").asLong();
			assertThat(nices(serving)).containsOnly(0);
			ProcessHandle.of(killed).orElseThrow().destroyForcibly();

			long replacement = Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(POLL)
				.until(() -> cluster.workers()
					.stream()
					.mapToLong(ProcessHandle::pid)
					.filter((pid) -> pid != killed && pid != serving)
					.findFirst()
					.orElse(-1), (pid) -> pid > 0);
			Set<Integer> servingWhileBooting = new TreeSet<>();
			Set<Integer> replacementWhileBooting = new TreeSet<>();
			Awaitility.await().atMost(ClusterProcess.STARTUP).pollInterval(POLL).until(() -> {
				servingWhileBooting.addAll(nices(serving));
				replacementWhileBooting.addAll(nices(replacement));
				return cluster.cluster().get("upWorkers").asInt() == 2;
			});
			assertThat(servingWhileBooting).as("serving worker's nice values while the replacement booted")
				.contains(10);
			assertThat(replacementWhileBooting).as("replacement's nice values while it booted").containsOnly(0);

			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(POLL)
				.until(() -> nices(serving).equals(Set.of(0)) && nices(replacement).equals(Set.of(0)));
			assertThat(cluster.cluster().get("master").get("bootPriority").get("lowered").asBoolean()).isFalse();
		}
	}

	/**
	 * The nice values of a process's threads, as the kernel shows them.
	 */
	private static Set<Integer> nices(long pid) {
		Set<Integer> nices = new TreeSet<>();
		List<Path> tasks = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			stream.forEach(tasks::add);
		}
		catch (IOException ex) {
			return nices;
		}
		for (Path task : tasks) {
			try {
				String stat = Files.readString(task.resolve("stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				nices.add(Integer.parseInt(fields[16]));
			}
			catch (IOException | RuntimeException ex) {
				// the thread has ended
			}
		}
		return nices;
	}

}
