package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot priority with real processes: after {@code kill -9} of one of two workers, the
 * serving worker runs at a higher nice value while the replacement boots, the replacement
 * keeps the master's, and the serving worker gets the master's back once no boot runs (the
 * test runs as root, so the master may raise it back). Where Linux's autogroups apply, each
 * worker leads a session of its own and that is its autogroup's nice value
 * ({@code /proc/PID/autogroup}), while inside it the request threads run 10 steps below the
 * JIT compiler threads throughout; elsewhere it is the nice value of every thread. Nice
 * values are read as the kernel shows them: field 19 of {@code /proc/PID/task/TID/stat}.
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
			boolean autogroups = priority.get("autogroups").asBoolean();
			if (autogroups) {
				assertThat(session(serving)).as("a worker leads a session of its own").isEqualTo(serving);
				assertThat(autogroupNice(serving)).isEqualTo(0);
				assertThat(priority.get("applicationThreadsNice").asInt()).isEqualTo(10);
				assertApplicationThreadsBelowTheJit(serving);
			}
			else {
				assertThat(nices(serving)).containsOnly(0);
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
			Awaitility.await().atMost(ClusterProcess.STARTUP).pollInterval(POLL).until(() -> {
				if (autogroups) {
					servingWhileBooting.add(autogroupNice(serving));
					replacementWhileBooting.add(autogroupNice(replacement));
				}
				else {
					servingWhileBooting.addAll(nices(serving));
					replacementWhileBooting.addAll(nices(replacement));
				}
				return cluster.cluster().get("upWorkers").asInt() == 2;
			});
			String what = autogroups ? "autogroup nice" : "threads' nice values";
			assertThat(servingWhileBooting).as("serving worker's " + what + " while the replacement booted")
				.contains(10);
			assertThat(replacementWhileBooting).as("replacement's " + what + " while it booted").containsOnly(0);

			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(POLL)
				.until(() -> autogroups ? autogroupNice(serving) == 0 && autogroupNice(replacement) == 0
						: nices(serving).equals(Set.of(0)) && nices(replacement).equals(Set.of(0)));
			assertThat(cluster.cluster().get("master").get("bootPriority").get("lowered").asBoolean()).isFalse();
			if (autogroups) {
				assertApplicationThreadsBelowTheJit(serving);
				assertApplicationThreadsBelowTheJit(replacement);
			}
		}
	}

	/**
	 * Inside a worker's autogroup, the JVM's JIT compiler threads keep nice 0 and the web
	 * server's request threads, which the application started, run at nice 10.
	 */
	private static void assertApplicationThreadsBelowTheJit(long pid) {
		Map<String, Set<Integer>> byThread = nicesByThread(pid);
		assertThat(byThread).as("threads of worker " + pid).isNotEmpty();
		assertThat(byThread.entrySet()
			.stream()
			.filter((thread) -> thread.getKey().startsWith("C2 Compiler") || thread.getKey().startsWith("C1 Compiler"))
			.flatMap((thread) -> thread.getValue().stream())).as("the JIT compiler threads' nice values").containsOnly(0);
		assertThat(byThread.entrySet()
			.stream()
			.filter((thread) -> thread.getKey().startsWith("http-nio"))
			.flatMap((thread) -> thread.getValue().stream())).as("the request threads' nice values").containsOnly(10);
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
		nicesByThread(pid).values().forEach(nices::addAll);
		return nices;
	}

	/**
	 * The nice values of a process's threads by the threads' names
	 * ({@code /proc/PID/task/TID/comm}).
	 */
	private static Map<String, Set<Integer>> nicesByThread(long pid) {
		Map<String, Set<Integer>> nices = new TreeMap<>();
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
				String name = Files.readString(task.resolve("comm")).trim();
				nices.computeIfAbsent(name, (key) -> new TreeSet<>()).add(Integer.parseInt(fields[16]));
			}
			catch (IOException | RuntimeException ex) {
				// the thread has ended
			}
		}
		return nices;
	}

}
