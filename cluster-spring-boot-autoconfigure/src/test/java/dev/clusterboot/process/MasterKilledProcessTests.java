package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.channel.WorkerEnvironment;
import dev.clusterboot.testapp.ClusterTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master's end: after {@code kill -9} of the master every process it started, a
 * worker still booting, a worker that is up, or the class-data training run, exits within
 * three seconds and no port stays held; Ctrl-C in a terminal, which signals the whole
 * process group, stops the cluster through the master.
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

	@Test
	void workersStillBootingExitWithinThreeSecondsWhenTheMasterIsKilled() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort())) {
			List<ProcessHandle> booting = Awaitility.await()
				.atMost(ClusterProcess.STARTUP)
				.pollInterval(Duration.ofMillis(10))
				.until(cluster::workers, (children) -> children.size() == 2);
			cluster.process().toHandle().destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> booting.stream().allMatch(MasterKilledProcessTests::hasExited));
			ClusterModeProcessTests.assertPortIsFree(cluster.port());
		}
	}

	@Test
	void workersThatAreUpExitWithinThreeSecondsWhenTheMasterIsKilled() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort())) {
			cluster.awaitWorkersUp(2);
			List<ProcessHandle> workers = cluster.workersEverSeen();
			assertThat(workers).hasSize(2);
			cluster.process().toHandle().destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> workers.stream().allMatch(MasterKilledProcessTests::hasExited));
			ClusterModeProcessTests.assertPortIsFree(cluster.port());
		}
	}

	@Test
	void theClassDataTrainingRunExitsWithinThreeSecondsWhenTheMasterIsKilled(@TempDir Path temp) throws IOException {
		Path gate = Files.createFile(temp.resolve("block-startup"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String trainingRun = String.join(" ", java, "-XX:TieredStopAtLevel=1", "-cp", "\"$1\"",
				ClusterTestApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
				"--test.block-startup-file=" + gate);
		// the stand-in master: a shell that starts the training run as its child, as the master does
		Process master = new ProcessBuilder("sh", "-c",
				ClusterRole.TRAINING_RUN_VARIABLE + "=true " + WorkerEnvironment.MASTER_PID_VARIABLE + "=$$ " + trainingRun
						+ " & wait",
				"master", WebServer.TOMCAT.classPath())
			.redirectErrorStream(true)
			.redirectOutput(temp.resolve("training.log").toFile())
			.start();
		List<ProcessHandle> training = new ArrayList<>();
		try {
			training.addAll(Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> master.children().toList(), (children) -> !children.isEmpty()));
			master.destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> training.stream().allMatch(MasterKilledProcessTests::hasExited));
		}
		finally {
			master.destroyForcibly();
			training.forEach(ProcessHandle::destroyForcibly);
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

	/**
	 * Whether a process has exited: it is gone, or it is a zombie that its new parent (the
	 * init process, since its master is dead) has not reaped yet, which
	 * {@link ProcessHandle#isAlive()} still counts as alive. A zombie holds no port, no
	 * memory and no CPU; how soon it is reaped is up to the init process.
	 */
	private static boolean hasExited(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			return !process.isAlive() || stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
		}
		catch (IOException ex) {
			return true;
		}
	}

}
