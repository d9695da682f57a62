package dev.clusterboot.process;

import java.nio.file.Path;
import java.time.Duration;
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

	@Test
	void aScheduledJobRunsOncePerPeriodOnTheLeaderAndMovesWhenTheLeaderIsKilled(@TempDir Path directory) {
		JobRuns runs = new JobRuns(directory.resolve("runs.txt"));
		try (ClusterProcess cluster = ClusterProcess.start(LeaderTestApplication.class, ClusterProcess.freePort(),
				runs.argument(), "--cluster.shutdown.drain-period=300ms")) {
			JsonNode status = cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> view.get("upWorkers").asInt() == 2 && view.get("leader") != null
							&& !view.get("leader").isNull());
			long leader = status.get("leader").get("pid").asLong();
			assertThat(ClusterProcess.workerPids(status)).contains(leader);
			long from = System.currentTimeMillis();
			Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> runs.since(from).size() >= 10);
			List<JobRuns.Run> beforeKill = runs.since(from);
			assertThat(beforeKill).as("runs before the kill").extracting(JobRuns.Run::pid).containsOnly(leader);
			JobRuns.assertOncePerPeriod(beforeKill);

			long killedAt = System.currentTimeMillis();
			ProcessHandle.of(leader).orElseThrow().destroyForcibly();
			Awaitility.await()
				.atMost(Duration.ofSeconds(15))
				.until(() -> runs.since(killedAt).stream().anyMatch((run) -> run.pid() != leader));
			JobRuns.Run firstAfter = runs.since(killedAt)
				.stream()
				.filter((run) -> run.pid() != leader)
				.findFirst()
				.get();
			long failover = firstAfter.at() - killedAt;
			// the 2 s is a target to report, not a timed assertion: the deadline above is generous
			System.out.println("Leader-only job: first run on the new leader " + failover + "ms after kill -9");
			JsonNode after = cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> view.get("upWorkers").asInt() == 2);
			assertThat(after.get("leader").get("pid").asLong()).isEqualTo(firstAfter.pid());
			long restartedUp = System.currentTimeMillis();
			Awaitility.await()
				.atMost(Duration.ofSeconds(15))
				.until(() -> runs.since(restartedUp).size() >= 6);
			List<JobRuns.Run> afterFailover = runs.since(firstAfter.at());
			assertThat(afterFailover).as("runs after the failover, the killed slot's new worker up again")
				.extracting(JobRuns.Run::pid)
				.containsOnly(firstAfter.pid());
			JobRuns.assertOncePerPeriod(afterFailover);
		}
	}

}
