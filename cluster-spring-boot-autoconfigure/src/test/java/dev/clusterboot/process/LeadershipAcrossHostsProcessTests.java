package dev.clusterboot.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.leaderapp.LeaderTestApplication;
import dev.clusterboot.leaderapp.LockDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hosts on one machine: two masters of {@link LeaderTestApplication}, two workers
 * each, on the same port but bound to 127.0.0.2 and 127.0.0.3, whose leaders contend for
 * one lock of a {@code JdbcLockRegistry} on a real PostgreSQL server. The job, every
 * 500 ms, runs once per period across both hosts; after {@code kill -9} of the leading
 * host's master and workers, the other host's leader takes the lock once it expires and
 * the job goes on there within the lock's time-to-live plus 2 s (the test prints how
 * soon).
 */
class LeadershipAcrossHostsProcessTests {

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(3);

	private static final Duration OBSERVED = Duration.ofSeconds(10);

	@Test
	void oneHostRunsTheJobOncePerPeriodAndTheOtherTakesOverWithinTheTimeToLiveWhenItDies(@TempDir Path directory) {
		JobRuns runs = new JobRuns(directory.resolve("runs.txt"));
		int port = ClusterProcess.freePort();
		try (LockDatabase database = LockDatabase.start();
				ClusterProcess first = host("127.0.0.2", port, database, runs);
				ClusterProcess second = host("127.0.0.3", port, database, runs)) {
			awaitLeader(first);
			awaitLeader(second);
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> holdsLock(first.cluster()) != holdsLock(second.cluster()));
			ClusterProcess leading = holdsLock(first.cluster()) ? first : second;
			ClusterProcess other = (leading == first) ? second : first;
			JsonNode leadingLeader = leading.cluster().get("leader");
			System.out.println("Leadership across hosts: the leading host's leader " + leadingLeader);
			long leader = leadingLeader.get("pid").asLong();
			assertThat(other.cluster().get("leader").get("lock").get("key").asString()).isEqualTo("leader-test");

			long from = System.currentTimeMillis();
			Awaitility.await()
				.pollDelay(OBSERVED)
				.atMost(OBSERVED.plusSeconds(5))
				.until(() -> true);
			List<JobRuns.Run> observed = runs.since(from)
				.stream()
				.filter((run) -> run.at() < from + OBSERVED.toMillis())
				.toList();
			assertThat(observed).as("runs over %s, on both hosts", OBSERVED)
				.hasSizeGreaterThanOrEqualTo(15)
				.extracting(JobRuns.Run::pid)
				.containsOnly(leader);
			JobRuns.assertOncePerPeriod(observed);

			Set<Long> otherHost = ClusterProcess.workerPids(other.cluster());
			long killedAt = System.currentTimeMillis();
			leading.close(); // kill -9 of the master and every worker it started
			Awaitility.await()
				.atMost(TIME_TO_LIVE.plusSeconds(2))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> runs.since(killedAt).stream().anyMatch((run) -> otherHost.contains(run.pid())));
			JobRuns.Run firstAfter = runs.since(killedAt)
				.stream()
				.filter((run) -> otherHost.contains(run.pid()))
				.findFirst()
				.get();
			System.out.println("Leadership across hosts: first run on the other host " + (firstAfter.at() - killedAt)
					+ "ms after kill -9 of the leading host (time-to-live " + TIME_TO_LIVE.toMillis() + "ms)");
			assertThat(holdsLock(other.cluster())).isTrue();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> runs.since(firstAfter.at()).size() >= 4);
			List<JobRuns.Run> afterFailover = runs.since(firstAfter.at());
			assertThat(afterFailover).extracting(JobRuns.Run::pid).containsOnly(firstAfter.pid());
			JobRuns.assertOncePerPeriod(afterFailover);
		}
	}

	private static ClusterProcess host(String address, int port, LockDatabase database, JobRuns runs) {
		return ClusterProcess.start(LeaderTestApplication.class, port, "--server.address=" + address,
				runs.argument(), "--cluster.leadership.lock=leader-test",
				"--cluster.leadership.lock-time-to-live=" + TIME_TO_LIVE.toMillis() + "ms",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.hikari.maximum-pool-size=2",
				"--spring.datasource.hikari.connection-timeout=500");
	}

	private static void awaitLeader(ClusterProcess host) {
		host.awaitCluster(ClusterProcess.STARTUP, (view) -> view.get("upWorkers").asInt() == 2
				&& view.get("leader") != null && !view.get("leader").isNull());
	}

	private static boolean holdsLock(JsonNode cluster) {
		JsonNode lock = cluster.path("leader").path("lock");
		return lock.path("held").asBoolean(false);
	}

}
