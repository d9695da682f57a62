package dev.clusterboot.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Not part of the test suite (no {@code Tests} suffix): measures how many requests a
 * rolling restart of two workers loses under load, with {@code net.ipv4.tcp_migrate_req}
 * at 1 and at 0, and prints the figures: 64 connections, half kept alive, each pausing
 * {@code bench.pace-ms} (10) between requests, {@code bench.rollouts} (3) rollouts per
 * setting. Needs root to set the sysctl. Run with
 * {@code ./mvnw -pl cluster-spring-boot-autoconfigure test -Dtest=RollingRestartLossBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RollingRestartLossBenchmark {

	private static final int ROLLOUTS = Integer.getInteger("bench.rollouts", 3);

	private static final Duration PACE = Duration.ofMillis(Long.getLong("bench.pace-ms", 10));

	@Test
	void measureRequestsLostPerRollingRestart() throws Exception {
		for (String migrate : new String[] { "1", "0" }) {
			try (MigrateReq setting = MigrateReq.set(migrate);
					ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
							"--management.endpoint.cluster.access=unrestricted",
							"--cluster.shutdown.drain-period=500ms")) {
				cluster.awaitWorkersUp(2);
				for (int rollout = 1; rollout <= ROLLOUTS; rollout++) {
					LoadGenerator load = new LoadGenerator(cluster.port(), 64, PACE);
					try (load) {
						cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > 500);
						Http.post(cluster.port(), "/actuator/cluster", "{\"action\":\"restart\"}");
						int expected = rollout * 2;
						cluster.awaitCluster(Duration.ofMinutes(4),
								(view) -> view.get("restarts").get("ROLLING").asInt() == expected
										&& view.path("rollout").path("state").asString().equals("COMPLETED"));
						long served = load.succeeded();
						cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > served + 500);
					}
					System.out.printf("BENCH pace=%dms tcp_migrate_req=%s rollout=%d requests=%d failed=%d kinds=%s%n", PACE.toMillis(),
							migrate, rollout, load.succeeded() + load.failed(), load.failed(), load.failureKinds());
				}
			}
		}
	}

}
