package dev.clusterboot.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.leaderapp.LeaderTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster of two workers running {@link LeaderTestApplication}, whose job runs every
 * 500 ms and records each run: the job runs once per period across the cluster, on the
 * leader that {@code /actuator/cluster} names, and after a {@code kill -9} of the leader
 * it keeps running on the other worker (the test prints how soon; the target is
 * 2 s after the master notices, plus one period).
 */
class LeaderOnlySchedulingProcessTests {

	private static final Duration PERIOD = Duration.ofMillis(500);

	@Test
	void aScheduledJobRunsOncePerPeriodOnTheLeaderAndMovesWhenTheLeaderIsKilled(@TempDir Path directory) {
		Path runs = directory.resolve("runs.txt");
		try (ClusterProcess cluster = ClusterProcess.start(LeaderTestApplication.class, ClusterProcess.freePort(),
				"--leader-test.runs=" + runs, "--cluster.shutdown.drain-period=300ms")) {
			JsonNode status = cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> view.get("upWorkers").asInt() == 2 && view.get("leader") != null
							&& !view.get("leader").isNull());
			long leader = status.get("leader").get("pid").asLong();
			assertThat(ClusterProcess.workerPids(status)).contains(leader);
			long from = System.currentTimeMillis();
			Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> since(runs, from).size() >= 10);
			List<Run> beforeKill = since(runs, from);
			assertThat(beforeKill).as("runs before the kill").extracting(Run::pid).containsOnly(leader);
			assertOncePerPeriod(beforeKill);

			long killedAt = System.currentTimeMillis();
			ProcessHandle.of(leader).orElseThrow().destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(15))
				.until(() -> since(runs, killedAt).stream().anyMatch((run) -> run.pid() != leader));
			Run firstAfter = since(runs, killedAt).stream().filter((run) -> run.pid() != leader).findFirst().get();
			long failover = firstAfter.at() - killedAt;
			// the 2 s is a target to report, not a timed assertion: the deadline above is generous
			System.out.println("Leader-only job: first run on the new leader " + failover + "ms after kill -9");
			JsonNode after = cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> view.get("upWorkers").asInt() == 2);
			assertThat(after.get("leader").get("pid").asLong()).isEqualTo(firstAfter.pid());
			long restartedUp = System.currentTimeMillis();
			Awaitility.await()
				.atMost(Duration.ofSeconds(15))
				.until(() -> since(runs, restartedUp).size() >= 6);
			List<Run> afterFailover = since(runs, firstAfter.at());
			assertThat(afterFailover).as("runs after the failover, the killed slot's new worker up again")
				.extracting(Run::pid)
				.containsOnly(firstAfter.pid());
			assertOncePerPeriod(afterFailover);
		}
	}

	/**
	 * No two runs in one period: with a fixed rate, runs on one worker are a period
	 * apart, give or take scheduling jitter; a second worker's run would land between.
	 */
	private static void assertOncePerPeriod(List<Run> runs) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < runs.size(); i++) {
			gaps.add(runs.get(i).at() - runs.get(i - 1).at());
		}
		assertThat(gaps).as("milliseconds between runs").allMatch((gap) -> gap >= PERIOD.toMillis() / 2);
	}

	private static List<Run> since(Path runs, long from) {
		if (!Files.exists(runs)) {
			return List.of();
		}
		try {
			return Files.readAllLines(runs)
				.stream()
				.filter((line) -> line.matches("\\d+ \\d+")) // whole records only
				.map(Run::parse)
				.filter((run) -> run.at() >= from)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Run(long at, long pid) {

		static Run parse(String line) {
			String[] parts = line.trim().split(" ");
			return new Run(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
		}

	}

}
