package dev.clusterboot.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.clusterboot.testapp.ClusterTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real two-worker cluster, started once, taken through what a user relies on: two
 * worker processes answer on one port, the master creates none of the application's
 * beans, a killed worker comes back in its slot, a second cluster on the same port fails
 * fast, and SIGTERM stops everything and frees the port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterModeProcessTests {

	@TempDir
	static Path temp;

	private ClusterProcess cluster;

	private Path beanRecord;

	@BeforeAll
	void startCluster() {
		this.beanRecord = temp.resolve("beans.txt");
		this.cluster = ClusterProcess.start(ClusterProcess.freePort(), "--test.bean-record=" + this.beanRecord);
		this.cluster.awaitWorkersUp(2);
	}

	@AfterAll
	void stopCluster() {
		this.cluster.close();
	}

	@Test
	@Order(1)
	void twoWorkerProcessesAnswerOnTheOnePort() {
		Set<Long> endpointPids = ClusterProcess.workerPids(this.cluster.cluster());
		assertThat(endpointPids).hasSize(2).doesNotContain(this.cluster.pid());
		Set<String> answers = new HashSet<>();
		for (int i = 0; i < 200 && answers.size() < 2; i++) {
			answers.add(Http.get(this.cluster.port(), "/").body());
		}
		assertThat(answers).hasSize(2);
		assertThat(answers.stream().map((answer) -> Long.parseLong(answer.replaceAll(".* pid ", ""))))
			.containsExactlyInAnyOrderElementsOf(endpointPids);
	}

	@Test
	@Order(2)
	void endpointShowsTheMasterAndEveryWorker() throws IOException {
		JsonNode cluster = this.cluster.cluster();
		assertThat(cluster.get("master").get("pid").asLong()).isEqualTo(this.cluster.pid());
		assertThat(cluster.get("master").get("port").asInt()).isEqualTo(this.cluster.port());
		assertThat(cluster.get("desiredWorkers").asInt()).isEqualTo(2);
		for (JsonNode worker : cluster.get("workers")) {
			assertThat(worker.get("state").asString()).isEqualTo("UP");
			assertThat(worker.get("process").get("report").get("health").asString()).isEqualTo("UP");
			assertThat(worker.get("restarts").asInt()).isZero();
			JsonNode process = worker.get("process");
			Instant startedAt = Instant.parse(process.get("startedAt").asString());
			Instant readyAt = Instant.parse(process.get("readyAt").asString());
			Instant time = Instant.parse(cluster.get("time").asString());
			assertThat(readyAt).isAfter(startedAt);
			assertThat(process.get("uptimeSeconds").asLong()).as("uptime is counted from the launch, not readiness")
				.isEqualTo(Duration.between(startedAt, time).toSeconds());
		}
		assertThat(cluster.get("master").get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
		JsonNode second = this.cluster.json("/actuator/cluster/2");
		assertThat(second.get("id").asInt()).isEqualTo(2);
		assertThat(Http.get(this.cluster.port(), "/actuator/cluster/3").status()).isEqualTo(404);
		boolean migration = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_migrate_req")).trim().equals("1");
		assertThat(cluster.get("master").get("connectionMigration").asBoolean()).isEqualTo(migration);
		if (!migration) {
			assertThat(this.cluster.output()).containsOnlyOnce("net.ipv4.tcp_migrate_req is 0");
		}
		JsonNode health = this.cluster.json("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
	}

	@Test
	@Order(2)
	void workersGetTheMastersJvmOptionsThenTheirOwn() throws IOException {
		for (ProcessHandle worker : this.cluster.workers()) {
			List<String> arguments = List.of(
					Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline")).split("\u0000"));
			assertThat(arguments).containsSubsequence("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=1",
					"-Xss512k", ClusterTestApplication.class.getName());
		}
	}

	@Test
	@Order(2)
	void writeOperationsAreOffByDefault() {
		assertThat(Http.post(this.cluster.port(), "/actuator/cluster", "{\"workers\":3}").status()).isEqualTo(405);
		assertThat(this.cluster.cluster().get("desiredWorkers").asInt()).isEqualTo(2);
	}

	@Test
	@Order(3)
	void masterCreatesNoneOfTheApplicationsBeans() throws IOException {
		List<String> records = Files.readAllLines(this.beanRecord);
		Set<Long> workerPids = ClusterProcess.workerPids(this.cluster.cluster());
		assertThat(records).containsExactlyInAnyOrderElementsOf(
				workerPids.stream().flatMap((pid) -> List.of("bean " + pid, "runner " + pid).stream()).toList());
		assertThat(records).noneMatch((record) -> record.endsWith(" " + this.cluster.pid()));
	}

	@Test
	@Order(4)
	void workerOutputReachesTheMasterPrefixedWithItsSlot() {
		assertThat(this.cluster.output()).contains("[worker 1] ", "[worker 2] ");
	}

	@Test
	@Order(5)
	void restartsWorkerThatWasKilled() {
		long killed = this.cluster.cluster().get("workers").get(0).get("process").get("pid").asLong();
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		JsonNode worker = this.cluster
			.awaitCluster(ClusterProcess.STARTUP, (cluster) -> cluster.get("upWorkers").asInt() == 2
					&& cluster.get("workers").get(0).get("process").get("pid").asLong() != killed)
			.get("workers")
			.get(0);
		assertThat(worker.get("id").asInt()).isEqualTo(1);
		assertThat(worker.get("state").asString()).isEqualTo("UP");
		assertThat(worker.get("restarts").asInt()).isEqualTo(1);
		assertThat(worker.get("lastRestartReason").asString()).isEqualTo("CRASH");
		assertThat(worker.get("lastExit").get("pid").asLong()).isEqualTo(killed);
		assertThat(worker.get("lastExit").get("signal").asString()).isEqualTo("SIGKILL");
		assertThat(this.cluster.cluster().get("workers").get(1).get("restarts").asInt()).isZero();
		awaitMeter("cluster.worker.restarts?tag=reason:crash", 1.0);
		awaitMeter("cluster.workers?tag=state:up", 2.0);
	}

	/**
	 * Meters read a status at most a second old, from whichever worker answers.
	 */
	private void awaitMeter(String meter, double value) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(this.cluster.json("/actuator/metrics/" + meter)
				.get("measurements")
				.get(0)
				.get("value")
				.asDouble()).isEqualTo(value));
	}

	@Test
	@Order(6)
	void secondClusterOnTheSamePortFailsFastWhileTheFirstKeepsServing() {
		Set<Long> before = ClusterProcess.workerPids(this.cluster.cluster());
		try (ClusterProcess second = ClusterProcess.start(this.cluster.port())) {
			assertThat(second.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(second.output()).contains("port " + this.cluster.port() + " ('server.port') is already in use")
				.doesNotContain("Started worker");
			assertThat(second.workersEverSeen()).isEmpty();
		}
		assertThat(Http.get(this.cluster.port(), "/").status()).isEqualTo(200);
		assertThat(ClusterProcess.workerPids(this.cluster.cluster())).isEqualTo(before);
	}

	@Test
	@Order(7)
	void sigtermStopsEveryWorkerGracefullyAndFreesThePort() {
		List<ProcessHandle> workers = this.cluster.workersEverSeen();
		assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
		this.cluster.process().toHandle().destroy();
		assertThat(this.cluster.awaitExit(Duration.ofSeconds(60))).isZero();
		assertThat(workers).noneMatch(ProcessHandle::isAlive);
		assertThat(this.cluster.output()).contains("Received SIGTERM", "Cluster master stopped");
		assertPortIsFree(this.cluster.port());
	}

	static void assertPortIsFree(int port) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			try (ServerSocket socket = new ServerSocket(port)) {
				return true;
			}
		});
	}

}
