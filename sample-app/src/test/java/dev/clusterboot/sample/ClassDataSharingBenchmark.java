package dev.clusterboot.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.process.ClusterProcess;
import dev.clusterboot.process.Http;

/**
 * Not part of the test suite: measures what class-data sharing changes for the packaged
 * sample, and prints a Markdown table. For JDK 17 and (where installed) JDK 25, with
 * {@code cluster.worker.class-data-sharing} off and auto: the time from a worker's launch
 * to UP over 10 restarts (median, min, max, from the master's log), and after warm-up each
 * worker's RSS and PSS from {@code /proc/<pid>/smaps_rollup}. Workers run with the JVM's
 * default flags (the test harness's C1-only setting is replaced). Run with
 * {@code ./mvnw -pl sample-app -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ClassDataSharingBenchmark}.
 */
class ClassDataSharingBenchmark {

	private static final int RESTARTS = Integer.getInteger("bench.restarts", 10);

	private static final Pattern UP = Pattern.compile("Worker \\d \\(pid (\\d+)\\) is up after ([0-9.]+)s");

	@TempDir
	Path temp;

	@Test
	void measure() throws Exception {
		List<String> rows = new ArrayList<>();
		List<Path> javas = new ArrayList<>(List.of(SampleJarIT.JAVA));
		Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
		if (Files.isExecutable(jdk25)) {
			javas.add(jdk25);
		}
		for (Path java : javas) {
			for (String mode : new String[] { "off", "auto" }) {
				rows.add(measure(java, mode));
			}
		}
		System.out.println("| JDK | class-data sharing | launch to UP, median (min to max) of " + RESTARTS
				+ " | RSS per worker | PSS per worker | PSS of 2 workers |");
		System.out.println("| --- | --- | --- | --- | --- | --- |");
		rows.forEach(System.out::println);
	}

	private String measure(Path java, String mode) throws Exception {
		Path cache = Files.createTempDirectory(this.temp, "cache");
		try (ClusterProcess cluster = ClusterProcess.startJar(java, SampleJarIT.JAR, ClusterProcess.freePort(),
				"--cluster.worker.class-data-sharing=" + mode, "--cluster.worker.cache-directory=" + cache,
				"--cluster.restart.stable-after=0s", "--cluster.worker.jvm-args=-Xss1m")) {
			cluster.awaitWorkersUp(2);
			if (mode.equals("auto")) {
				cluster.awaitOutput("Class-data sharing ready", Duration.ofMinutes(3));
			}
			List<Double> times = new ArrayList<>();
			for (int i = 0; i < RESTARTS; i++) {
				int slot = i % 2;
				long killed = cluster.awaitWorkersUp(2).get("workers").get(slot).get("process").get("pid").asLong();
				ProcessHandle.of(killed).orElseThrow().destroyForcibly();
				JsonNode worker = cluster
					.awaitCluster(ClusterProcess.STARTUP, (view) -> view.get("upWorkers").asInt() == 2
							&& view.get("workers").get(slot).get("process").get("pid").asLong() != killed)
					.get("workers")
					.get(slot);
				times.add(upTime(cluster.output(), worker.get("process").get("pid").asLong()));
			}
			for (int i = 0; i < 2000; i++) {
				Http.get(cluster.port(), "/");
			}
			long rss = 0;
			long pss = 0;
			JsonNode workers = cluster.cluster().get("workers");
			for (JsonNode worker : workers) {
				long[] memory = memory(worker.get("process").get("pid").asLong());
				rss += memory[0];
				pss += memory[1];
			}
			times.sort(null);
			String version = java.equals(SampleJarIT.JAVA) ? System.getProperty("java.specification.version") : "25";
			return String.format("| %s | %s | %.1f s (%.1f to %.1f) | %d MiB | %d MiB | %d MiB |", version, mode,
					median(times), times.get(0), times.get(times.size() - 1), rss / 2 / 1024, pss / 2 / 1024,
					pss / 1024);
		}
	}

	private static double upTime(String output, long pid) {
		Matcher matcher = UP.matcher(output);
		while (matcher.find()) {
			if (Long.parseLong(matcher.group(1)) == pid) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new IllegalStateException("No 'is up' line for pid " + pid);
	}

	private static double median(List<Double> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/**
	 * Return RSS and PSS in KiB.
	 */
	private static long[] memory(long pid) throws IOException {
		long[] memory = new long[2];
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
			lines.forEach((line) -> {
				String[] parts = line.trim().split("\\s+");
				if (parts[0].equals("Rss:")) {
					memory[0] = Long.parseLong(parts[1]);
				}
				else if (parts[0].equals("Pss:")) {
					memory[1] = Long.parseLong(parts[1]);
				}
			});
		}
		return memory;
	}

}
