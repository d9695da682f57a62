package dev.clusterboot.process;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.api.status.StateWarningKind;
import dev.clusterboot.stateapp.StateTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster of an application that keeps state in each process
 * ({@link StateTestApplication}): with two workers the master warns once per kind of
 * state, not once per worker, and the endpoint lists the findings; with one worker
 * nothing is said. A worker sends its findings before it reports itself ready, so once
 * every worker is up the master has them all.
 */
class StateWarningsProcessTests {

	private static final String WARNING = "WARN";

	private static final String NOT_SHARED = "State not shared by the 2 workers: ";

	@Test
	void twoWorkersWarnOnceForEachKindOfStateAndTheEndpointListsThem() {
		// caches kept coherent raise no warning (MessagesAndCachesProcessTests), so this one is not
		try (ClusterProcess cluster = ClusterProcess.start(StateTestApplication.class, ClusterProcess.freePort(),
				"--cluster.shutdown.drain-period=300ms", "--cluster.caches.coherent=false")) {
			cluster.awaitWorkersUp(2);
			assertThat(cluster.output()).as("no session yet, so no warning about sessions")
				.doesNotContain("HTTP sessions are kept");
			assertThat(Http.get(cluster.port(), "/visits").status()).isEqualTo(200);
			JsonNode status = cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> view.get("stateWarnings").size() == 4);
			List<String> warnings = cluster.output()
				.lines()
				.filter((line) -> line.contains(WARNING) && line.contains(NOT_SHARED))
				.toList();
			assertThat(warnings).as(cluster.output()).hasSize(4).noneMatch((line) -> line.startsWith("[worker"));
			for (StateWarningKind kind : StateWarningKind.values()) {
				assertThat(warnings).as(kind.name())
					.filteredOn((line) -> line.contains("set " + kind.property() + "=false"))
					.hasSize(1);
			}
			assertThat(warnings).anySatisfy((line) -> assertThat(line).contains("in-memory H2 database"))
				.anySatisfy((line) -> assertThat(line).contains("HTTP sessions are kept in each worker's memory"))
				.anySatisfy((line) -> assertThat(line).contains("(ConcurrentMapCacheManager)"))
				.anySatisfy((line) -> assertThat(line).contains(".purgeExpiredVisits runs in every worker"));
			List<String> kinds = status.get("stateWarnings").valueStream()
				.map((warning) -> warning.get("kind").asString())
				.toList();
			assertThat(kinds).containsExactlyInAnyOrder("IN_MEMORY_DATABASE", "SESSIONS", "LOCAL_CACHES",
					"SCHEDULED_METHODS");
			status.get("stateWarnings").forEach((warning) -> assertThat(warning.get("silencedBy").asString())
				.startsWith("cluster.state-warnings."));
		}
	}

	@Test
	void oneWorkerWarnsAboutNothing() {
		try (ClusterProcess cluster = ClusterProcess.start(StateTestApplication.class, ClusterProcess.freePort(),
				"--cluster.workers=1", "--cluster.shutdown.drain-period=300ms")) {
			JsonNode status = cluster.awaitWorkersUp(1);
			assertThat(cluster.output()).doesNotContain("State not shared").doesNotContain("cluster.state-warnings.");
			assertThat(status.get("stateWarnings")).isEmpty();
		}
	}

}
