package dev.clusterboot.supervision;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.RolloutStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.api.status.WorkerStatus;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.properties.Durations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the master's rules, one per rule, driven through {@link Supervisor} and
 * {@link Operations} with fake processes and a time the test moves: no thread, socket or
 * sleep.
 */
@ExtendWith(OutputCaptureExtension.class)
public class SupervisorTests {

	private final FakeCluster cluster = new FakeCluster();

	@Test
	void restartsACrashedWorkerAfterTheBackoff() {
		this.cluster.start(1);
		FakeProcess worker = this.cluster.up(1);
		this.cluster.advance(Duration.ofMinutes(1));
		this.cluster.exit(worker, 137);
		WorkerStatus slot = this.cluster.worker(1);
		assertThat(slot.state()).isEqualTo(WorkerState.BACKOFF);
		assertThat(slot.lastExit().reason()).isEqualTo(ExitReason.CRASH);
		assertThat(slot.lastExit().signal()).isEqualTo("SIGKILL");
		this.cluster.advance(Duration.ofMillis(499));
		assertThat(this.cluster.launched()).hasSize(1);
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(this.cluster.launched()).hasSize(2);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.STARTING);
		assertThat(this.cluster.status().restarts()).containsEntry(RestartReason.CRASH, 1L);
	}

	@Test
	void backoffDoublesWithEachFailedStartInARowUpToTheMaximum() {
		SupervisionRules rules = new SupervisionRules(FakeCluster.settings(1));
		assertThat(rules.backoff(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(rules.backoff(2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(rules.backoff(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(rules.backoff(4)).isEqualTo(Duration.ofSeconds(4));
		assertThat(rules.backoff(20)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void aWorkerThatStayedUpPastStableAfterStartsAFreshCount() {
		this.cluster.start(1);
		this.cluster.exit(this.cluster.process(1), 1);
		this.cluster.advance(Duration.ofMillis(500));
		FakeProcess second = this.cluster.up(2);
		this.cluster.advance(Duration.ofSeconds(30));
		this.cluster.exit(second, 1);
		assertThat(this.cluster.worker(1).nextRestartAt()).isEqualTo(this.cluster.now().plusMillis(500));
	}

	@Test
	void givesUpOnACrashLoopAndTheMasterExitsWithOneWhenEverySlotFailed(CapturedOutput output) {
		this.cluster.start(1);
		for (int start = 1; start <= 3; start++) {
			this.cluster.exit(this.cluster.process(start), 1);
			this.cluster.advance(Duration.ofSeconds(5));
		}
		assertThat(this.cluster.launched()).hasSize(3);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.FAILED);
		assertThat(this.cluster.supervisor().isFinished()).isTrue();
		assertThat(this.cluster.supervisor().exitCode()).isEqualTo(1);
		assertThat(output).contains("raise cluster.restart.max-failed-starts (now 3)");
	}

	@Test
	void doesNotRestartAWorkerThatStopsWithAConfigurationErrorBeforeItIsReady() {
		this.cluster.start(2);
		this.cluster.exit(this.cluster.process(1), 78);
		this.cluster.advance(Duration.ofMinutes(5));
		assertThat(this.cluster.launched()).hasSize(2);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.FAILED);
		assertThat(this.cluster.worker(1).lastExit().reason()).isEqualTo(ExitReason.CONFIGURATION_ERROR);
		assertThat(this.cluster.supervisor().isFinished()).isFalse();
	}

	@Test
	void killsAWorkerThatIsNotReadyWithinTheBootTimeoutAndCountsAFailedStart() {
		this.cluster.start(1);
		FakeProcess worker = this.cluster.process(1);
		this.cluster.advance(Duration.ofSeconds(30));
		assertThat(worker.killed).isFalse();
		this.cluster.advance(Duration.ofSeconds(1));
		assertThat(worker.killed).isTrue();
		this.cluster.exit(worker, 137);
		assertThat(this.cluster.worker(1).lastExit().reason()).isEqualTo(ExitReason.BOOT_TIMEOUT);
		this.cluster.advance(Duration.ofMillis(500));
		assertThat(this.cluster.launched()).hasSize(2);
		assertThat(this.cluster.worker(1).lastRestartReason()).isEqualTo(RestartReason.BOOT_TIMEOUT);
	}

	@Test
	void asksAHungWorkerForAThreadDumpAndKillsItShortlyAfter() {
		this.cluster.start(1);
		FakeProcess worker = this.cluster.up(1);
		worker.silent = true;
		this.cluster.advance(Duration.ofSeconds(10));
		assertThat(worker.dumped).isFalse();
		this.cluster.advance(Duration.ofSeconds(1));
		assertThat(worker.dumped).isTrue();
		assertThat(worker.killed).isFalse();
		this.cluster.advance(SupervisionRules.THREAD_DUMP_GRACE);
		assertThat(worker.killed).isTrue();
		this.cluster.exit(worker, 137);
		assertThat(this.cluster.worker(1).lastExit().reason()).isEqualTo(ExitReason.HANG);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.BACKOFF);
	}

	@Test
	void recyclesAWorkerThatServedItsRequestLimitBehindAReadyReplacement() {
		this.cluster.recycling(new MasterSettings.Recycling(100, 0, 0)).start(1);
		FakeProcess old = this.cluster.up(1);
		this.cluster.report(old, 100, null);
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(this.cluster.launched()).hasSize(2);
		assertThat(old.drained).isFalse();
		this.cluster.up(2);
		assertThat(old.drained).isTrue();
		assertThat(this.cluster.worker(1).pid()).isEqualTo(this.cluster.process(2).pid());
		assertThat(this.cluster.status().restarts()).containsEntry(RestartReason.REQUESTS, 1L);
	}

	@Test
	void recyclesAWorkerThatHoldsMoreHeapAfterCollectionThanAllowed() {
		this.cluster.recycling(new MasterSettings.Recycling(0, 0, 1000)).start(1);
		FakeProcess old = this.cluster.up(1);
		this.cluster.report(old, 0, 1000L);
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(this.cluster.launched()).hasSize(1);
		this.cluster.report(old, 0, 1001L);
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(this.cluster.launched()).hasSize(2);
		this.cluster.up(2);
		assertThat(this.cluster.status().restarts()).containsEntry(RestartReason.MEMORY, 1L);
	}

	@Test
	void scalesUpAndDownWithoutCountingItAsRestarts() {
		this.cluster.start(1);
		this.cluster.up(1);
		assertThat(this.cluster.operations().scale(3, this.cluster.now())).isNull();
		assertThat(this.cluster.launched()).hasSize(3);
		this.cluster.up(2);
		this.cluster.up(3);
		assertThat(this.cluster.operations().scale(1, this.cluster.now())).isNull();
		assertThat(this.cluster.process(2).drained).isTrue();
		assertThat(this.cluster.process(3).drained).isTrue();
		assertThat(this.cluster.status().workers()).extracting(WorkerStatus::id).containsExactly(1);
		assertThat(this.cluster.status().desiredWorkers()).isEqualTo(1);
		assertThat(this.cluster.status().restarts().values()).containsOnly(0L);
	}

	@Test
	void refusesToScaleOutsideTheBoundsOfClusterWorkers() {
		this.cluster.start(1);
		assertThat(this.cluster.operations().scale(0, this.cluster.now())).contains("from 1 to 64");
		assertThat(this.cluster.operations().scale(65, this.cluster.now())).contains("from 1 to 64");
		assertThat(this.cluster.launched()).hasSize(1);
	}

	@Test
	void refusesToScaleWhileStoppingSayingThatAndNotTheBounds(CapturedOutput output) {
		this.cluster.start(1);
		this.cluster.operations().stop(this.cluster.now());
		assertThat(this.cluster.operations().scale(3, this.cluster.now())).isEqualTo("the cluster is stopping");
		assertThat(output).contains("Not scaling to 3 workers: the cluster is stopping")
			.doesNotContain("allows 1 to 64");
	}

	@Test
	void rollingRestartReplacesEveryWorkerOneAtATime() {
		this.cluster.start(2);
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		this.cluster.operations().rollingRestart(this.cluster.now());
		assertThat(this.cluster.launched()).hasSize(3);
		this.cluster.up(3);
		assertThat(first.drained).isTrue();
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(this.cluster.launched()).hasSize(4);
		assertThat(second.drained).isFalse();
		this.cluster.up(4);
		this.cluster.advance(Duration.ofMillis(1));
		RolloutStatus rollout = this.cluster.status().rollout();
		assertThat(rollout.state()).isEqualTo(RolloutStatus.State.COMPLETED);
		assertThat(rollout.replaced()).isEqualTo(2);
		assertThat(this.cluster.status().restarts()).containsEntry(RestartReason.ROLLING, 2L);
	}

	@Test
	void rollingRestartWhoseReplacementFailsStopsAndLeavesTheOthersServing() {
		this.cluster.start(2);
		FakeProcess first = this.cluster.up(1);
		this.cluster.up(2);
		this.cluster.operations().rollingRestart(this.cluster.now());
		this.cluster.exit(this.cluster.process(3), 1);
		this.cluster.advance(Duration.ofSeconds(5));
		RolloutStatus rollout = this.cluster.status().rollout();
		assertThat(rollout.state()).isEqualTo(RolloutStatus.State.FAILED);
		assertThat(rollout.failure()).contains("exited with exit code 1 before it was ready");
		assertThat(this.cluster.worker(1).pid()).isEqualTo(first.pid());
		assertThat(first.drained).isFalse();
		assertThat(this.cluster.launched()).hasSize(3);
	}

	@Test
	void rollingRestartWaitsForASlotThatIsNotUpInsteadOfSkippingIt() {
		this.cluster.start(2);
		this.cluster.up(1);
		this.cluster.up(2);
		this.cluster.advance(Duration.ofMinutes(1));
		this.cluster.exit(this.cluster.process(2), 137);
		this.cluster.operations().rollingRestart(this.cluster.now());
		this.cluster.up(3);
		this.cluster.advance(Duration.ofMillis(500));
		assertThat(this.cluster.status().rollout().state()).isEqualTo(RolloutStatus.State.RUNNING);
		this.cluster.up(4);
		this.cluster.advance(Duration.ofMillis(1));
		RolloutStatus rollout = this.cluster.status().rollout();
		assertThat(rollout.state()).isEqualTo(RolloutStatus.State.COMPLETED);
		assertThat(rollout.replaced()).isEqualTo(rollout.total()).isEqualTo(2);
	}

	@Test
	void rollingRestartThatFindsAFailedSlotFailsNamingIt() {
		this.cluster.start(2);
		this.cluster.exit(this.cluster.process(2), 78);
		this.cluster.up(1);
		this.cluster.operations().rollingRestart(this.cluster.now());
		this.cluster.up(3);
		this.cluster.advance(Duration.ofMillis(1));
		RolloutStatus rollout = this.cluster.status().rollout();
		assertThat(rollout.state()).isEqualTo(RolloutStatus.State.FAILED);
		assertThat(rollout.failure()).isEqualTo("worker 2 had failed and could not be replaced");
		assertThat(rollout.replaced()).isEqualTo(1);
	}

	@Test
	void stopDuringARollingRestartIsNotAnError(CapturedOutput output) {
		this.cluster.start(1);
		this.cluster.up(1);
		this.cluster.operations().rollingRestart(this.cluster.now());
		this.cluster.operations().stop(this.cluster.now());
		assertThat(this.cluster.process(2).killed).isTrue();
		assertThat(this.cluster.status().rollout().state()).isEqualTo(RolloutStatus.State.STOPPED);
		assertThat(output).contains("Rolling restart stopped: the cluster was asked to stop").doesNotContain("ERROR");
	}

	@Test
	void stopDrainsEveryWorkerAndKillsThoseStillRunningAfterTheDrainPeriodAndShutdownTimeout() {
		this.cluster.start(2);
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		this.cluster.operations().stop(this.cluster.now());
		assertThat(first.drained).isTrue();
		assertThat(second.drained).isTrue();
		this.cluster.exit(first, 0);
		this.cluster.advance(Duration.ofSeconds(36).minusMillis(1));
		assertThat(second.killed).isFalse();
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(second.killed).isTrue();
		assertThat(this.cluster.supervisor().isFinished()).isFalse();
		this.cluster.exit(second, 137);
		assertThat(this.cluster.supervisor().isFinished()).isTrue();
		assertThat(this.cluster.supervisor().exitCode()).isZero();
		assertThat(this.cluster.worker(2).state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.cluster.worker(2).lastExit().reason()).isEqualTo(ExitReason.STOPPED);
	}

	@Test
	void aWorkerWithoutAChannelIsStoppedWithSigterm() {
		this.cluster.start(1);
		this.cluster.operations().stop(this.cluster.now());
		assertThat(this.cluster.process(1).stopped).isTrue();
	}

	@Test
	void refusesAConnectionThatCannotProveItIsTheLaunchOrComesSecond() {
		this.cluster.start(1);
		FakeProcess worker = this.cluster.process(1);
		Supervisor supervisor = this.cluster.supervisor();
		assertThat(supervisor.connected(new ControlMessage.Hello(1, worker.pid(), "forged"), (message) -> {
		})).isFalse();
		assertThat(supervisor.connected(new ControlMessage.Hello(1, worker.pid(), worker.launchToken()), worker))
			.isTrue();
		assertThat(supervisor.connected(new ControlMessage.Hello(1, worker.pid(), worker.launchToken()), (message) -> {
		})).isFalse();
		assertThat(supervisor.connected(new ControlMessage.Hello(1, 1, "any"), (message) -> {
		})).isFalse();
	}

	@Test
	void durationsBeyondWhatTheClockHoldsNeverBreakTheMaster() {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		this.cluster.settings(new MasterSettings(1, 8080, true, new MasterSettings.Restart(forever, forever, 2.0,
				forever, 5), new MasterSettings.Timeouts(forever, forever, forever, forever),
				new MasterSettings.Recycling(0, 0, 0)))
			.start(1);
		FakeProcess worker = this.cluster.up(1);
		this.cluster.advance(Duration.ofDays(365));
		this.cluster.exit(worker, 137);
		this.cluster.advance(Duration.ofDays(365));
		this.cluster.operations().stop(this.cluster.now());
		this.cluster.advance(Duration.ofDays(365));
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.STOPPED);
		assertThat(Durations.format(forever)).endsWith("d");
	}

}
