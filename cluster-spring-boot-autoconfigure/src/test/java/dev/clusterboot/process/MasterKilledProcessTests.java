package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master's end: {@code kill -9} of the master leaves no orphan worker and no held
 * port; Ctrl-C in a terminal, which signals the whole process group, stops the cluster
 * through the master.
 */
class MasterKilledProcessTests {

	@Test
	void ctrlCInATerminalStopsEveryWorkerThroughTheMaster() throws IOException {
		try (ClusterProcess cluster = ClusterProcess.startInOwnSession(ClusterProcess.freePort())) {
			cluster.awaitWorkersUp(2);
			List<ProcessHandle> workers = cluster.workersEverSeen();
			assertThat(processGroup(cluster.pid())).as("the master leads a process group of its own")
				.isEqualTo(cluster.pid());
			Assumptions.assumeFalse(ignoresSigint(cluster.pid()), "SIGINT is ignored in this run's environment (as for "
					+ "a background job of a script); the master inherits that and keeps it, as nohup expects");
			Signals.send("INT", -cluster.pid());
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isZero();
			assertThat(workers).noneMatch(ProcessHandle::isAlive);
			assertThat(cluster.output()).contains("Received SIGINT")
				.contains("Worker 1 (pid " + workers.get(0).pid() + ") stopped with exit code 0",
						"Worker 2 (pid " + workers.get(1).pid() + ") stopped with exit code 0")
				.doesNotContain("exited unexpectedly");
		}
	}

	private static boolean ignoresSigint(long pid) throws IOException {
		String ignored = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
			.stream()
			.filter((line) -> line.startsWith("SigIgn:"))
			.findFirst()
			.orElseThrow()
			.substring(7)
			.trim();
		return (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) != 0;
	}

	private static long processGroup(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
	}

	@Test
	void workersExitWithinTenSecondsWhenTheMasterIsKilled() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort())) {
			cluster.awaitWorkersUp(2);
			List<ProcessHandle> workers = cluster.workersEverSeen();
			assertThat(workers).hasSize(2);
			cluster.process().toHandle().destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
			ClusterModeProcessTests.assertPortIsFree(cluster.port());
		}
	}

}
