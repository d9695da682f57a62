package dev.clusterboot.statewarnings;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;
import dev.clusterboot.supervision.FakeCluster;
import dev.clusterboot.supervision.FakeProcess;
import dev.clusterboot.supervision.Supervisor;
import dev.clusterboot.supervision.SupervisorTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how the master keeps what its workers found of state that each keeps on its
 * own: one WARN line per finding for the whole cluster, and only when more than one
 * worker runs. Driven through {@link Supervisor} with fake processes, as
 * {@link SupervisorTests} are.
 */
@ExtendWith(OutputCaptureExtension.class)
class StateWarningsTests {

	private static final StateWarning DATABASE = StateWarning.of(StateWarningKind.IN_MEMORY_DATABASE,
			"DataSource bean 'dataSource' is an in-memory H2 database (jdbc:h2:mem:)");

	private static final StateWarning CACHE = StateWarning.of(StateWarningKind.LOCAL_CACHES,
			"CacheManager bean 'cacheManager' (ConcurrentMapCacheManager) keeps its caches in each worker's memory");

	private final FakeCluster cluster = new FakeCluster();

	@Test
	void logsEachFindingOnceForTheWholeClusterAndListsItInTheStatus(CapturedOutput output) {
		this.cluster.start(2);
		report(this.cluster.up(1), DATABASE, CACHE);
		report(this.cluster.up(2), DATABASE, CACHE);
		assertThat(warnLines(output, DATABASE)).isOne();
		assertThat(warnLines(output, CACHE)).isOne();
		assertThat(this.cluster.status().stateWarnings()).containsExactly(DATABASE, CACHE);
	}

	@Test
	void aReplacedWorkerReportingTheSameFindingsAgainLogsNothingNew(CapturedOutput output) {
		this.cluster.start(2);
		report(this.cluster.up(1), DATABASE);
		report(this.cluster.up(2), DATABASE);
		this.cluster.exit(this.cluster.process(1), 137);
		this.cluster.advance(java.time.Duration.ofSeconds(1));
		report(this.cluster.up(3), DATABASE, CACHE);
		assertThat(warnLines(output, DATABASE)).isOne();
		assertThat(warnLines(output, CACHE)).isOne();
		assertThat(this.cluster.status().stateWarnings()).containsExactly(DATABASE, CACHE);
	}

	@Test
	void warnsAboutNothingAndListsNothingWithOneWorker(CapturedOutput output) {
		this.cluster.start(1);
		report(this.cluster.up(1), DATABASE, CACHE);
		assertThat(output).doesNotContain(DATABASE.found()).doesNotContain(CACHE.found());
		assertThat(this.cluster.status().stateWarnings()).isEmpty();
	}

	@Test
	void aClusterScaledToTwoWorkersWarnsWhenTheSecondWorkerReports(CapturedOutput output) {
		this.cluster.start(1);
		report(this.cluster.up(1), DATABASE);
		assertThat(output).doesNotContain(DATABASE.found());
		assertThat(this.cluster.operations().scale(2, this.cluster.now())).isNull();
		report(this.cluster.up(2), DATABASE);
		assertThat(warnLines(output, DATABASE)).isOne();
		assertThat(this.cluster.status().stateWarnings()).containsExactly(DATABASE);
	}

	@Test
	void ignoresFindingsFromAProcessThatIsNoWorkerOfThisCluster(CapturedOutput output) {
		this.cluster.start(2);
		this.cluster.supervisor().reports().stateWarnings(4242, List.of(DATABASE), this.cluster.now());
		assertThat(output).doesNotContain(DATABASE.found());
		assertThat(this.cluster.status().stateWarnings()).isEmpty();
	}

	@Test
	void theWarningNamesWhatWasFoundTheFixAndThePropertyThatSilencesIt(CapturedOutput output) {
		this.cluster.start(2);
		report(this.cluster.up(1), DATABASE);
		assertThat(output.getOut().lines().filter((line) -> line.contains(DATABASE.found())))
			.singleElement()
			.asString()
			.contains("WARN", "jdbc:h2:file:./data/app;AUTO_SERVER=TRUE",
					"set cluster.state-warnings.in-memory-database=false");
	}

	private void report(FakeProcess worker, StateWarning... warnings) {
		this.cluster.supervisor().reports().stateWarnings(worker.pid(), List.of(warnings), this.cluster.now());
	}

	private static long warnLines(CapturedOutput output, StateWarning warning) {
		return output.getOut().lines().filter((line) -> line.contains("WARN") && line.contains(warning.found())).count();
	}

}
