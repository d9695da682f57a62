package dev.clusterboot.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.process.ClusterProcess;
import dev.clusterboot.process.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class-data sharing on the packaged sample: the master prepares the archive, later
 * workers start from it, and the next master reuses it. That a broken archive is not
 * usable and that a changed jar gets an archive of its own is unit-tested in
 * {@code ClassDataArchiveTests}. On JDK 17 (an AppCDS archive) and, where
 * installed, JDK 25 (the AOT cache).
 */
class ClassDataSharingIT {

	private static final Duration PREPARED = Duration.ofMinutes(3);

	@TempDir
	Path temp;

	@Test
	void archiveIsCreatedUsedAndReusedOnJdk17() throws IOException {
		Path jar = Files.copy(SampleJarIT.JAR, this.temp.resolve("sample-app.jar"));
		Path cache = this.temp.resolve("cache");
		runLifecycle(SampleJarIT.JAVA, jar, cache, "app.jsa");
	}

	@Test
	void workersUseTheAotCacheTrainedOnTheWarmUpOnJdk25() throws IOException {
		Path java = jdk25();
		Path jar = Files.copy(SampleJarIT.JAR, this.temp.resolve("sample-app.jar"));
		Path cache = this.temp.resolve("cache");
		// the sample's warm-up routes, shortened: the training run serves them too
		int port = ClusterProcess.freePort();
		try (ClusterProcess cluster = ClusterProcess.startJar(java, jar, port,
				"--cluster.worker.cache-directory=" + cache, "--cluster.standby-workers=0",
				"--cluster.worker.warm-up.duration=1s")) {
			cluster.awaitOutput("Class-data sharing ready", PREPARED);
			assertThat(cluster.output()).contains("with one training start of the application that serves the "
					+ "warm-up's requests");
			assertRestartedWorkerUsesTheArchive(cluster);
		}
		assertThat(archives(cache, "app.aot")).hasSize(1);
		String training = Files.readString(archives(cache, "training.log").get(0));
		Matcher warmedUp = Pattern.compile("The training run warmed up on 127\\.0\\.0\\.1:(\\d+): 2 routes, [1-9]\\d* "
				+ "requests, 0 failed").matcher(training);
		assertThat(warmedUp.find()).as("the training run served the warm-up, then exited:%n%s", training).isTrue();
		assertThat(Integer.parseInt(warmedUp.group(1))).as("on a loopback port of its own").isNotEqualTo(port);
	}

	private void runLifecycle(Path java, Path jar, Path cache, String fileName) throws IOException {
		try (ClusterProcess cluster = start(java, jar, cache)) {
			JsonNode first = cluster.awaitWorkersUp(2);
			first.get("workers").forEach((worker) -> assertThat(worker.get("process").get("classDataSharing").asBoolean()).isFalse());
			cluster.awaitOutput("Class-data sharing ready", PREPARED);
			assertRestartedWorkerUsesTheArchive(cluster);
		}
		List<Path> archives = archives(cache, fileName);
		assertThat(archives).hasSize(1);
		try (ClusterProcess cluster = start(java, jar, cache)) {
			cluster.awaitWorkersUp(2).get("workers")
				.forEach((worker) -> assertThat(worker.get("process").get("classDataSharing").asBoolean()).isTrue());
			assertThat(cluster.output()).contains("Workers start from the cached").doesNotContain("Preparing the");
			assertThat(Http.get(cluster.port(), "/").body()).startsWith("Hello from worker ");
		}
	}

	private static ClusterProcess start(Path java, Path jar, Path cache) {
		// without the sample's standby and warm-up: a restarted worker here is a fresh
		// launch from the archive, and the test does not pay 10 s of warm-up per worker
		return ClusterProcess.startJar(java, jar, ClusterProcess.freePort(), "--cluster.worker.cache-directory=" + cache,
				"--cluster.standby-workers=0", "--cluster.worker.warm-up.enabled=false");
	}

	private static void assertRestartedWorkerUsesTheArchive(ClusterProcess cluster) {
		long killed = cluster.awaitWorkersUp(2).get("workers").get(0).get("process").get("pid").asLong();
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		JsonNode worker = cluster
			.awaitCluster(ClusterProcess.STARTUP, (view) -> view.get("upWorkers").asInt() == 2
					&& view.get("workers").get(0).get("process").get("pid").asLong() != killed)
			.get("workers")
			.get(0);
		assertThat(worker.get("process").get("classDataSharing").asBoolean()).isTrue();
		assertThat(Http.get(cluster.port(), "/").status()).isEqualTo(200);
	}

	private static List<Path> archives(Path cache, String fileName) throws IOException {
		try (Stream<Path> files = Files.walk(cache, 2)) {
			return files.filter((file) -> file.getFileName().toString().equals(fileName)).toList();
		}
	}

	private static Path jdk25() throws IOException {
		String configured = System.getenv("JAVA25_HOME");
		try (Stream<Path> jdks = Files.exists(Path.of("/usr/lib/jvm")) ? Files.list(Path.of("/usr/lib/jvm"))
				: Stream.empty()) {
			Path home = (configured != null) ? Path.of(configured)
					: jdks.filter((dir) -> dir.getFileName().toString().matches(".*-2[5-9]-.*|.*jdk-2[5-9].*"))
						.findFirst()
						.orElse(null);
			Path java = (home != null) ? home.resolve("bin").resolve("java") : null;
			Assumptions.assumeTrue(java != null && Files.isExecutable(java),
					"No JDK 25+ found (set JAVA25_HOME); the AOT cache test runs where one is installed");
			return java;
		}
	}

}
