package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every supported web server keeps, with real processes, on one two-worker
 * cluster per server: two worker processes answer on one port, a killed worker comes back
 * in its slot, a rolling restart under load with {@code net.ipv4.tcp_migrate_req=1} loses
 * no request (keep-alive clients are told to close by the leaving workers, which really
 * go), and SIGTERM under load drains every worker (no request on a connection that already had a
 * response fails; only new connections do, once every worker has left the port) and frees
 * the port. The cluster keeps one standby worker: it answers only on its private loopback
 * port, takes the killed worker's slot with its own pid, and a rolling restart replaces
 * it rather than promoting it. One small subclass per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WebServerContractProcessTests {

	/**
	 * The load of the rolling restart and of the stop: enough to keep both workers busy on
	 * this 2-core machine while a replacement boots beside them.
	 */
	private static final int LOAD_CONNECTIONS = 16;

	private final WebServer server;

	private ClusterProcess cluster;

	private MigrateReq migrate;

	WebServerContractProcessTests(WebServer server) {
		this.server = server;
	}

	@BeforeAll
	void startCluster() {
		this.migrate = MigrateReq.trySet("1");
		this.cluster = ClusterProcess.start(this.server, ClusterProcess.freePort(),
				"--management.endpoint.cluster.access=unrestricted", "--cluster.shutdown.drain-period=500ms",
				"--server.tomcat.max-keep-alive-requests=-1", "--cluster.standby-workers=1");
		this.cluster.awaitWorkersUp(2);
	}

	@AfterAll
	void stopCluster() throws IOException {
		this.cluster.close();
		Files.writeString(Path.of("target", getClass().getSimpleName() + "-cluster.log"), this.cluster.output());
		this.migrate.close();
	}

	@Test
	@Order(1)
	void twoWorkerProcessesOfThisServerAnswerOnTheOnePort() {
		Set<Long> endpointPids = ClusterProcess.workerPids(this.cluster.cluster());
		assertThat(endpointPids).hasSize(2).doesNotContain(this.cluster.pid());
		assertThat(answeringPids(2)).containsExactlyInAnyOrderElementsOf(endpointPids);
		assertThat(this.cluster.output()).contains("[worker 1] ", "[worker 2] ")
			.containsPattern("\\[worker 1\\] .*" + this.server.startedLog() + " " + this.cluster.port())
			.containsPattern("\\[worker 2\\] .*" + this.server.startedLog() + " " + this.cluster.port());
	}

	@Test
	@Order(2)
	void aStandbyAnswersOnItsPrivatePortButNeverOnTheSharedOne() {
		long standby = awaitStandingBy(-1);
		assertThat(ClusterProcess.workerPids(this.cluster.cluster())).doesNotContain(standby);
		assertThat(answeringPids(3)).hasSize(2).doesNotContain(standby);
		Matcher started = Pattern.compile("\\[worker 0\\] .*" + this.server.startedLog() + " (\\d+)")
			.matcher(this.cluster.output());
		Set<Long> privatelyAnswering = new HashSet<>();
		while (started.find()) {
			int privatePort = Integer.parseInt(started.group(1));
			assertThat(privatePort).isNotEqualTo(this.cluster.port());
			try {
				privatelyAnswering.add(pidIn(Http.get(privatePort, "/").body()));
			}
			catch (RuntimeException ex) {
				// an earlier standby's port, closed
			}
		}
		assertThat(privatelyAnswering).contains(standby);
	}

	@Test
	@Order(3)
	void aKilledWorkersSlotIsServedByTheStandbysOwnPidAndANewStandbyAppears() {
		long standby = awaitStandingBy(-1);
		long killed = this.cluster.cluster().get("workers").get(0).get("process").get("pid").asLong();
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		JsonNode view = this.cluster.awaitCluster(ClusterProcess.STARTUP, (status) -> status.get("upWorkers").asInt() == 2
				&& status.get("workers").get(0).get("process").get("pid").asLong() != killed);
		JsonNode worker = view.get("workers").get(0);
		assertThat(worker.get("state").asString()).isEqualTo("UP");
		assertThat(worker.get("lastExit").get("signal").asString()).isEqualTo("SIGKILL");
		assertThat(worker.get("process").get("pid").asLong()).as("the standby serves the slot").isEqualTo(standby);
		assertThat(view.get("standbys").get("promotions").asInt()).isEqualTo(1);
		assertThat(answeringPids(2)).contains(standby).doesNotContain(killed);
		assertThat(awaitStandingBy(standby)).isNotEqualTo(standby).isNotEqualTo(killed);
	}

	@Test
	@Order(4)
	void rollingRestartUnderLoadLosesNoRequestAndSendsKeepAliveClientsAway() {
		Assumptions.assumeTrue(this.migrate.isSet(), this.migrate.unavailable());
		long started = System.nanoTime();
		JsonNode before = this.cluster.cluster();
		assertThat(before.get("master").get("connectionMigration").asBoolean()).isTrue();
		Set<Long> oldPids = ClusterProcess.workerPids(before);
		Set<Long> oldStandbys = standbyPids(before);
		assertThat(oldStandbys).as("standbys before the rollout").isNotEmpty();
		LoadGenerator load = new LoadGenerator(this.cluster.port(), LOAD_CONNECTIONS, Duration.ofMillis(20));
		try (load) {
			this.cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > 500);
			assertThat(load.keepAliveClosedBy()).as("keep-alive closed before the rollout").isEmpty();
			Http.Response restart = Http.post(this.cluster.port(), "/actuator/cluster", "{\"action\":\"restart\"}");
			assertThat(restart.status()).as(restart.body()).isEqualTo(200);
			assertThat(restart.body()).contains("\"rollout\":{\"state\":\"RUNNING\"");
			JsonNode after = this.cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> view.path("rollout").path("state").asString().equals("COMPLETED")
							&& view.get("upWorkers").asInt() == 2);
			assertThat(ClusterProcess.workerPids(after)).hasSize(2).doesNotContainAnyElementsOf(oldPids);
			assertThat(after.get("restarts").get("ROLLING").asInt()).isEqualTo(2);
			assertThat(ClusterProcess.workerPids(after)).as("no standby from before the rollout serves after it")
				.doesNotContainAnyElementsOf(oldStandbys);
			JsonNode renewed = this.cluster.awaitCluster(ClusterProcess.STARTUP,
					(view) -> !standbyPids(view).isEmpty() && view.get("upWorkers").asInt() == 2);
			assertThat(standbyPids(renewed)).doesNotContainAnyElementsOf(oldStandbys);
			long served = load.succeeded();
			this.cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > served + 500);
		}
		System.out.printf("%s rolling restart with tcp_migrate_req=1: %d requests, %d failed %s, in %d ms%n",
				this.server, load.succeeded(), load.failed(), load.failureKinds(),
				Duration.ofNanos(System.nanoTime() - started).toMillis());
		assertThat(load.failures()).isEmpty();
		assertThat(load.failed()).isZero();
		assertThat(load.succeeded()).isGreaterThan(1000);
		assertThat(load.keepAliveClosedBy()).as("workers that sent Connection: close while leaving")
			.containsAll(oldPids);
		for (long pid : oldPids) {
			ProcessHandle.of(pid).ifPresent((old) -> old.onExit().orTimeout(30, TimeUnit.SECONDS).join());
		}
		assertThat(answeringPids(2)).doesNotContainAnyElementsOf(oldPids);
	}

	@Test
	@Order(5)
	void sigtermUnderLoadDrainsEveryWorkerSoOnlyNewConnectionsAreRefusedAndFreesThePort() {
		List<ProcessHandle> workers = this.cluster.workersEverSeen();
		LoadGenerator load = new LoadGenerator(this.cluster.port(), LOAD_CONNECTIONS, Duration.ofMillis(20));
		try (load) {
			this.cluster.awaitCluster(Duration.ofSeconds(10), (view) -> load.succeeded() > 500);
			this.cluster.process().toHandle().destroy();
			assertThat(this.cluster.awaitExit(Duration.ofSeconds(60))).isZero();
		}
		System.out.printf("%s SIGTERM under load: %d requests, %d failed %s%n", this.server, load.succeeded(),
				load.failed(), load.failureKinds());
		assertThat(load.failureKinds().keySet()).as("requests sent on open connections all got their response")
			.allMatch((kind) -> kind.startsWith(LoadGenerator.NEW_CONNECTION));
		assertThat(workers).noneMatch(ProcessHandle::isAlive);
		assertThat(this.cluster.output()).contains("Cluster master stopped");
		ClusterModeProcessTests.assertPortIsFree(this.cluster.port());
	}

	private Set<Long> answeringPids(int expected) {
		Set<Long> pids = new HashSet<>();
		for (int i = 0; i < 200 && pids.size() < expected; i++) {
			pids.add(pidIn(Http.get(this.cluster.port(), "/").body()));
		}
		return pids;
	}

	private static long pidIn(String body) {
		return Long.parseLong(body.replaceAll(".* pid ", "").trim());
	}

	/**
	 * Wait until a standby other than the one given stands by, and return its pid.
	 */
	private long awaitStandingBy(long other) {
		JsonNode view = this.cluster.awaitCluster(ClusterProcess.STARTUP,
				(status) -> standingBy(status).stream().anyMatch((pid) -> pid != other));
		return standingBy(view).stream().filter((pid) -> pid != other).findFirst().orElseThrow();
	}

	private static Set<Long> standingBy(JsonNode view) {
		Set<Long> pids = new HashSet<>();
		view.get("standbys").get("standbys").forEach((standby) -> {
			if (standby.get("state").asString().equals("STANDING_BY")) {
				pids.add(standby.get("process").get("pid").asLong());
			}
		});
		return pids;
	}

	private static Set<Long> standbyPids(JsonNode view) {
		Set<Long> pids = new HashSet<>();
		view.get("standbys").get("standbys").forEach((standby) -> pids.add(standby.get("process").get("pid").asLong()));
		return pids;
	}

}
