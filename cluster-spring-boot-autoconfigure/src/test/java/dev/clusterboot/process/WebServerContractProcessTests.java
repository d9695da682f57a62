package dev.clusterboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

	/**
	 * The warm-up every worker of the cluster does before it joins: {@code GET /}, and a
	 * route that always answers 500, which must not hold the join. It lasts a second; its
	 * time limit is generous because a cold worker on a busy machine can take seconds to
	 * answer its first request, and the limit costs nothing when requests are answered.
	 */
	private static final String WARM_UP_ROUTE = "--cluster.worker.warm-up.routes[0].path=/";

	private static final String WARM_UP_FAILING_ROUTE = "--cluster.worker.warm-up.routes[1].path=/warm-up/fail";

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
				"--server.tomcat.max-keep-alive-requests=-1", "--cluster.standby-workers=1",
				WARM_UP_ROUTE, WARM_UP_FAILING_ROUTE, "--cluster.worker.warm-up.duration=1s",
				"--cluster.worker.warm-up.time-limit=20s");
		this.cluster.awaitWorkersUp(2);
	}

	@AfterAll
	void stopCluster() throws IOException {
		this.cluster.close();
		Files.writeString(Path.of("target", getClass().getSimpleName() + "-cluster.log"), this.cluster.output());
		this.migrate.close();
	}

	@Test
	@Order(0)
	void everyWorkerWarmsUpOnItsOwnPrivatePortBeforeItJoinsAndAFailingRouteDoesNotHoldTheJoin() {
		Map<Long, String> seen = new HashMap<>();
		for (int i = 0; i < 200 && seen.size() < 2; i++) {
			String report = Http.get(this.cluster.port(), "/warm-up/seen").body();
			seen.put(Long.parseLong(report.replaceAll(".* pid ", "")), report);
		}
		assertThat(seen.keySet())
			.containsExactlyInAnyOrderElementsOf(ClusterProcess.workerPids(this.cluster.cluster()));
		assertThat(seen.values()).allSatisfy((report) -> assertThat(report)
			.as("warm-up requests reach only the worker's private port, all before it listens on the shared port")
			.containsPattern("warm-up requests on the shared port 0, elsewhere [1-9]\\d*, of them after joining 0, "
					+ "listening on the shared port now true, "));
		String output = this.cluster.output();
		for (int worker = 1; worker <= 2; worker++) {
			Matcher warmedUp = Pattern.compile("\\[worker " + worker + "\\] .*Worker " + worker
					+ " warmed up on 127\\.0\\.0\\.1:\\d+: 2 routes, \\d+ requests, [1-9]\\d* failed "
					+ "\\(GET /warm-up/fail: HTTP 500 x\\d+\\), \\d+ms, ended by its duration; joining the port")
				.matcher(output);
			assertThat(warmedUp.find()).as("worker %d's warm-up summary in%n%s", worker, output).isTrue();
			assertThat(output.indexOf("Worker " + worker + " joined the port"))
				.as("worker %d joins after its warm-up", worker)
				.isGreaterThan(warmedUp.start());
		}
	}

	@Test
	@Order(0)
	void theStandbyWarmsUpWhileItWaitsAndDoesNotJoin() {
		awaitStandingBy(-1);
		this.cluster.awaitOutput("standing by until the master promotes it", ClusterProcess.STARTUP);
		assertThat(this.cluster.output())
			.containsPattern("\\[standby\\] .*Worker \\d+ warmed up on 127\\.0\\.0\\.1:\\d+: 2 routes, \\d+ requests, "
					+ "[1-9]\\d* failed \\(GET /warm-up/fail: HTTP 500 x\\d+\\), \\d+ms, ended by its duration; "
					+ "standing by until the master promotes it")
			.doesNotContainPattern("\\[standby\\] .*joined the port");
	}

	@Test
	@Order(1)
	void twoWorkerProcessesOfThisServerAnswerOnTheOnePort() {
		Set<Long> endpointPids = ClusterProcess.workerPids(this.cluster.cluster());
		assertThat(endpointPids).hasSize(2).doesNotContain(this.cluster.pid());
		assertThat(answeringPids(2)).containsExactlyInAnyOrderElementsOf(endpointPids);
		assertThat(this.cluster.output()).contains("[worker 1] ", "[worker 2] ")
			.containsPattern("\\[worker 1\\] .*(" + sharedPortLog() + ")")
			.containsPattern("\\[worker 2\\] .*(" + sharedPortLog() + ")");
	}

	@Test
	@Order(2)
	void aStandbyAnswersOnItsPrivatePortButNeverOnTheSharedOne() {
		long standby = awaitStandingBy(-1);
		assertThat(ClusterProcess.workerPids(this.cluster.cluster())).doesNotContain(standby);
		assertThat(answeringPids(3)).hasSize(2).doesNotContain(standby);
		Matcher started = Pattern.compile("\\[standby\\] .*" + this.server.startedLog() + " (\\d+)")
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
		// steering places each new connection by the load of the moment, so a worker may hold
		// no keep-alive client; every one that held one sends it away as it leaves
		Set<Long> holding = new HashSet<>(oldPids);
		holding.retainAll(load.keepAliveKeptBy());
		assertThat(holding).as("workers that held keep-alive clients before leaving").isNotEmpty();
		assertThat(load.keepAliveClosedBy()).as("workers that sent Connection: close while leaving")
			.containsAll(holding);
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

	/**
	 * What a worker logs once it serves the shared port: its server's start on that port,
	 * or, for a staged start (a warm-up), its join.
	 */
	private String sharedPortLog() {
		return this.server.startedLog() + " " + this.cluster.port() + "|joined the port";
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
