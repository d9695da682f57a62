package dev.clusterboot.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startups that must fail fast, with a message that says what to change, a non-zero
 * exit, and no worker started.
 */
class InvalidStartupProcessTests {

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "abc", "65" })
	void rejectsInvalidWorkerCount(String workers) {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--cluster.workers=" + workers)) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(cluster.output()).contains("Invalid value '" + workers + "' for configuration property 'cluster.workers'")
				.contains("Must be a whole number from 1 to 64, or 'auto'")
				.doesNotContain("Started worker");
			assertThat(cluster.workersEverSeen()).isEmpty();
		}
	}

	@Test
	void rejectsADurationTooLongForTheMasterNamingThePropertyAndItsRangeBeforeAnyWorkerStarts() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--cluster.worker.boot-timeout=9999999999999d")) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(cluster.output())
				.contains("cluster.worker.boot-timeout must be between 1s and 1h, not 9999999999999d")
				.doesNotContain("Started worker");
			assertThat(cluster.workersEverSeen()).isEmpty();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			cluster.worker.class-data-sharing=foo | cluster.worker.class-data-sharing must be one of auto, off, not foo
			cluster.restart.max-backoff=abc       | cluster.restart.max-backoff must be a duration such as 500ms, 10s, 2m, 1h or 1d, or ISO-8601 such as PT10S, not abc
			""")
	void rejectsAValueOfTheWrongKindListingTheAllowedValues(String setting, String message) {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--" + setting)) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(cluster.output()).contains(message).doesNotContain("Started worker");
			assertThat(cluster.workersEverSeen()).isEmpty();
		}
	}

	@Test
	void aSettingThatEveryWorkerRejectsStopsTheClusterInSecondsWithBootsReport() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
				"--management.endpoint.cluster.cache.time-to-live=abc")) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(45))).isEqualTo(1);
			assertThat(cluster.output())
				.contains("Failed to bind properties under 'management.endpoint.cluster.cache.time-to-live'")
				.containsOnlyOnce("APPLICATION FAILED TO START")
				.contains("failed to start on the same configuration error as worker")
				.contains("stopped with a configuration error (exit code 78)")
				.contains("Every worker has failed")
				.doesNotContain("restarting it in");
			assertThat(cluster.workersEverSeen()).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void aSharedLockWithoutALockRegistryStopsTheClusterNamingTheProperty() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--cluster.workers=1",
				"--cluster.leadership.lock=reports")) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
			assertThat(cluster.output())
				.contains("Invalid value 'reports' for configuration property 'cluster.leadership.lock'")
				.contains("needs a LockRegistry bean that every host shares")
				.contains("stopped with a configuration error (exit code 78)")
				.doesNotContain("restarting it in");
			assertThat(cluster.workersEverSeen()).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void failsFastWhenPortIsHeldByAnotherProcess() throws IOException {
		try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
				ClusterProcess cluster = ClusterProcess.start(other.getLocalPort())) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(cluster.output()).contains("port " + other.getLocalPort() + " ('server.port') is already in use")
				.doesNotContain("Started worker");
			assertThat(other.isClosed()).isFalse();
		}
	}

	@Test
	void failsFastWhenTheManagementPortIsHeldByAnotherProcess() throws IOException {
		try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
				ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(),
						"--management.server.port=" + other.getLocalPort())) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(cluster.output())
				.contains("port " + other.getLocalPort() + " ('management.server.port') is already in use")
				.doesNotContain("Started worker");
		}
	}

	@Test
	void rejectsARandomManagementPortNamingTheProperty() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--management.server.port=0")) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(cluster.output()).contains("management.server.port")
				.contains("Cluster mode needs a fixed management port that every worker shares")
				.doesNotContain("Started worker");
			assertThat(cluster.workersEverSeen()).isEmpty();
		}
	}

	@Test
	void unsupportedWebServerStopsTheClusterAtOnceWithoutRestartingWorkers() {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), "--test.unsupported-server=true")) {
			assertThat(cluster.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
			assertThat(cluster.output()).contains("cannot share server.port with the other workers")
				.contains("cluster mode supports Tomcat, Jetty and Reactor Netty")
				.contains("stopped with a configuration error (exit code 78)")
				.contains("Every worker has failed")
				.doesNotContain("restarting it in");
			assertThat(cluster.workersEverSeen()).noneMatch(ProcessHandle::isAlive);
		}
	}

}
