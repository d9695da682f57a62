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
 * are read as the kernel shows them: field 19 of {@code /proc/PID/task/TID/stat}. Where
 * Linux's autogroups apply, each worker leads a session of its own and its autogroup's
 * nice value ({@code /proc/PID/autogroup}) moves the same way.
 */
@EnabledOnOs(OS.LINUX)
class BootPriorityProcessTests {

	private static final Duration POLL = Duration.ofMillis(100);

	@Test
	void servingWorkerIsLoweredWhileAReplacementBootsAndRestoredAfter() throws IOException {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms", "--cluster.boot-priority.serving-nice=10")) {
			JsonNode up = cluster.awaitWorkersUp(2);
			JsonNode priority = up.get("master").get("bootPriority");
			assertThat(priority.get("mode").asString()).isEqualTo("LOWER_AND_RESTORE");
			assertThat(priority.get("servingNice").asInt()).isEqualTo(10);
			long killed = up.get("workers").get(0).get("process").get("pid").asLong();
			long serving = up.get("workers").get(1).get("process").get("pid").asLong();
			assertThat(nices(serving)).containsOnly(0);
			boolean autogroups = priority.get("autogroups").asBoolean();
			if (autogroups) {
				assertThat(session(serving)).as("a worker leads a session of its own").isEqualTo(serving);
				assertThat(autogroupNice(serving)).isEqualTo(0);
			}
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
			Set<Integer> servingGroupWhileBooting = new TreeSet<>();
			Set<Integer> replacementGroupWhileBooting = new TreeSet<>();
			Awaitility.await().atMost(ClusterProcess.STARTUP).pollInterval(POLL).until(() -> {
				servingWhileBooting.addAll(nices(serving));
				replacementWhileBooting.addAll(nices(replacement));
				if (autogroups) {
					servingGroupWhileBooting.add(autogroupNice(serving));
					replacementGroupWhileBooting.add(autogroupNice(replacement));
				}
				return cluster.cluster().get("upWorkers").asInt() == 2;
			});
			assertThat(servingWhileBooting).as("serving worker's nice values while the replacement booted")
				.contains(10);
			assertThat(replacementWhileBooting).as("replacement's nice values while it booted").containsOnly(0);
			if (autogroups) {
				assertThat(servingGroupWhileBooting).as("serving worker's autogroup nice while the replacement booted")
					.contains(10);
				assertThat(replacementGroupWhileBooting).as("replacement's autogroup nice while it booted")
					.containsOnly(0);
			}

			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(POLL)
				.until(() -> nices(serving).equals(Set.of(0)) && nices(replacement).equals(Set.of(0))
						&& (!autogroups || autogroupNice(serving) == 0));
			assertThat(cluster.cluster().get("master").get("bootPriority").get("lowered").asBoolean()).isFalse();
		}
	}

	/**
	 * The session a process belongs to: field 6 of {@code /proc/PID/stat}.
	 */
	private static long session(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
	}

	/**
	 * The nice value of a process's autogroup, from {@code /proc/PID/autogroup}
	 * ({@code /autogroup-54 nice 10}); -1 when the process is gone.
	 */
	private static int autogroupNice(long pid) {
		try {
			String[] fields = Files.readString(Path.of("/proc", Long.toString(pid), "autogroup")).trim().split("\\s+");
			return Integer.parseInt(fields[2]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
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
