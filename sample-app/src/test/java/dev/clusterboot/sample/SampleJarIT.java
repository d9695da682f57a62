package dev.clusterboot.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.clusterboot.process.ClusterProcess;
import dev.clusterboot.process.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample, started the way the README says: {@code java -jar sample-app.jar}
 * becomes a master whose two workers, relaunched with {@code -jar}, share the port, and
 * which keeps one standby beside them.
 */
class SampleJarIT {

	static final Path JAR = Path.of("target", "sample-app.jar").toAbsolutePath();

	static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	@Test
	void javaDashJarStartsATwoWorkerClusterThatStopsCleanlyOnSigterm() {
		try (ClusterProcess cluster = ClusterProcess.startJar(JAVA, JAR, ClusterProcess.freePort(),
				"--cluster.worker.class-data-sharing=off")) {
			Set<String> workers = new HashSet<>();
			Awaitility.await()
				.atMost(ClusterProcess.STARTUP)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> {
					workers.add(Http.get(cluster.port(), "/").body().strip().replaceAll(" \\(pid .*", ""));
					return workers.size() == 2;
				});
			assertThat(workers).containsExactlyInAnyOrder("Hello from worker 1", "Hello from worker 2");
			assertThat(Http.get(cluster.port(), "/cpu?iterations=10").body()).contains(" from worker ");
			// the two workers and the standby the sample keeps (cluster.standby-workers: 1)
			List<ProcessHandle> children = cluster.workersEverSeen();
			assertThat(children).hasSize(3);
			cluster.process().toHandle().destroy();
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isZero();
			assertThat(children).noneMatch(ProcessHandle::isAlive);
		}
	}

}
