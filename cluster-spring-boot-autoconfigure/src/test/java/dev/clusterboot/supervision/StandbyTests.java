package dev.clusterboot.supervision;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.StandbyState;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.api.status.WorkerStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the standby rules ({@code cluster.standby-workers}), driven through
 * {@link Supervisor} and {@link Operations} with fake processes and a time the test
 * moves: who is promoted, when, and when a standby is retired.
 */
class StandbyTests {

	private final FakeCluster cluster = new FakeCluster().standbyWorkers(1);

	/**
	 * Start two workers, let them come up, and let the master start its standby, which
	 * then stands by.
	 */
	private FakeProcess twoWorkersAndAStandingStandby() {
		this.cluster.start(2);
		this.cluster.up(1);
		this.cluster.up(2);
		assertThat(this.cluster.standbys()).isEmpty();
		this.cluster.advance(Duration.ofMillis(10));
		assertThat(this.cluster.standbys()).hasSize(1);
		return this.cluster.standingBy(this.cluster.standbys().get(0));
	}

	@Test
	void startsTheStandbyOnlyOnceEverySlotIsUpAndNeverCountsItAsServing() {
		this.cluster.start(2);
		this.cluster.advance(Duration.ofMillis(10));
		assertThat(this.cluster.standbys()).isEmpty();
		this.cluster.up(1);
		this.cluster.up(2);
		this.cluster.advance(Duration.ofMillis(10));
		FakeProcess standby = this.cluster.standingBy(this.cluster.standbys().get(0));
		assertThat(this.cluster.status().count(WorkerState.UP)).isEqualTo(2);
		assertThat(this.cluster.status().workers()).extracting(WorkerStatus::pid).doesNotContain(standby.pid());
		assertThat(this.cluster.status().standbys().count(StandbyState.STANDING_BY)).isEqualTo(1);
		assertThat(this.cluster.status().standbys().standbys().get(0).process().pid()).isEqualTo(standby.pid());
	}

	@Test
	void promotesAStandbyAtOnceWhenAWorkerCrashesWithoutWaitingForTheBackoff() {
		FakeProcess standby = twoWorkersAndAStandingStandby();
		this.cluster.advance(Duration.ofMinutes(1));
		this.cluster.exit(this.cluster.process(1), 137);
		assertThat(standby.joinedAs).isEqualTo(1);
		WorkerStatus slot = this.cluster.worker(1);
		assertThat(slot.state()).isEqualTo(WorkerState.STARTING);
		assertThat(slot.pid()).isEqualTo(standby.pid());
		assertThat(slot.nextRestartAt()).isNull();
		this.cluster.joined(standby);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.UP);
		assertThat(this.cluster.status().standbys().promotions()).isEqualTo(1);
		assertThat(this.cluster.status().restarts()).containsEntry(RestartReason.CRASH, 1L);
		this.cluster.advance(Duration.ofMillis(10));
		assertThat(this.cluster.standbys()).hasSize(2);
		assertThat(this.cluster.status().standbys().standbys()).singleElement()
			.satisfies((next) -> assertThat(next.process().pid()).isEqualTo(this.cluster.standbys().get(1).pid()));
	}

	@Test
	void aPromotedStandbyThatDoesNotJoinWithinTheBootTimeoutIsKilledCountingFromItsPromotion() {
		FakeProcess standby = twoWorkersAndAStandingStandby();
		this.cluster.advance(Duration.ofMinutes(1));
		this.cluster.exit(this.cluster.process(1), 137);
		this.cluster.advance(Duration.ofSeconds(29));
		assertThat(standby.killed).isFalse();
		standby.silent = true;
		this.cluster.advance(Duration.ofSeconds(2));
		assertThat(standby.killed).isTrue();
	}

	@Test
	void promotesAStandbyToReplaceAWorkerRecycledForItsRequests() {
		this.cluster.recycling(new MasterSettings.Recycling(100, 0, 0));
		FakeProcess standby = twoWorkersAndAStandingStandby();
		this.cluster.report(this.cluster.process(1), 100, null);
		this.cluster.advance(Duration.ofMillis(10));
		assertThat(standby.joinedAs).isEqualTo(1);
		assertThat(this.cluster.worker(1).replacement().pid()).isEqualTo(standby.pid());
		this.cluster.joined(standby);
		assertThat(this.cluster.worker(1).pid()).isEqualTo(standby.pid());
		assertThat(this.cluster.process(1).drained).isTrue();
		assertThat(this.cluster.status().restarts()).containsEntry(RestartReason.REQUESTS, 1L);
	}

	@Test
	void promotesAStandbyIntoASlotAddedByScalingUp() {
		FakeProcess standby = twoWorkersAndAStandingStandby();
		int launched = this.cluster.launched().size();
		assertThat(this.cluster.operations().scale(3, this.cluster.now())).isNull();
		assertThat(this.cluster.launched()).hasSize(launched);
		assertThat(standby.joinedAs).isEqualTo(3);
		this.cluster.joined(standby);
		assertThat(this.cluster.worker(3).state()).isEqualTo(WorkerState.UP);
		assertThat(this.cluster.worker(3).pid()).isEqualTo(standby.pid());
	}

	@Test
	void neverPromotesAStandbyLaunchedBeforeARollingRestartBegan() {
		FakeProcess old = twoWorkersAndAStandingStandby();
		this.cluster.operations().rollingRestart(this.cluster.now());
		assertThat(old.drained).isTrue();
		assertThat(old.joinedAs).isNull();
		assertThat(this.cluster.worker(1).replacement().pid()).isNotEqualTo(old.pid());
		assertThat(this.cluster.status().standbys().count(StandbyState.STOPPING)).isEqualTo(1);
		this.cluster.exit(old, 0);
		assertThat(this.cluster.status().standbys().standbys()).isEmpty();
	}

	@Test
	void aStandbyThatFailsToStartCountsTowardGivingUpOnStandbys() {
		twoWorkersAndAStandingStandby();
		// a standby that stood by and then exits is no failed start: replaced at once
		this.cluster.exit(this.cluster.standbys().get(0), 1);
		this.cluster.advance(Duration.ofMillis(10));
		assertThat(this.cluster.standbys()).hasSize(2);
		this.cluster.exit(this.cluster.standbys().get(1), 1);
		this.cluster.advance(Duration.ofMillis(499));
		assertThat(this.cluster.standbys()).hasSize(2);
		this.cluster.advance(Duration.ofMillis(1));
		assertThat(this.cluster.standbys()).hasSize(3);
		this.cluster.exit(this.cluster.standbys().get(2), 1);
		this.cluster.advance(Duration.ofSeconds(1));
		assertThat(this.cluster.standbys()).hasSize(4);
		this.cluster.exit(this.cluster.standbys().get(3), 1);
		this.cluster.advance(Duration.ofMinutes(1));
		assertThat(this.cluster.standbys()).hasSize(4);
		assertThat(this.cluster.status().standbys().standbys()).isEmpty();
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.UP);
	}

	@Test
	void aCrashLoopStillEndsInGivingUpTheSlotWhenStandbysArePromoted() {
		FakeProcess first = twoWorkersAndAStandingStandby();
		this.cluster.exit(this.cluster.process(1), 1);
		assertThat(first.joinedAs).isEqualTo(1);
		this.cluster.exit(first, 1);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.BACKOFF);
		this.cluster.advance(Duration.ofMillis(10));
		FakeProcess second = this.cluster.standingBy(this.cluster.standbys().get(1));
		this.cluster.advance(Duration.ofSeconds(1));
		assertThat(second.joinedAs).isEqualTo(1);
		this.cluster.exit(second, 1);
		assertThat(this.cluster.worker(1).state()).isEqualTo(WorkerState.FAILED);
		assertThat(this.cluster.worker(2).state()).isEqualTo(WorkerState.UP);
	}

	@Test
	void stopDrainsTheStandbysAndWaitsForThem() {
		FakeProcess standby = twoWorkersAndAStandingStandby();
		this.cluster.operations().stop(this.cluster.now());
		assertThat(standby.drained).isTrue();
		this.cluster.exit(this.cluster.process(1), 0);
		this.cluster.exit(this.cluster.process(2), 0);
		assertThat(this.cluster.supervisor().isFinished()).isFalse();
		this.cluster.exit(standby, 0);
		assertThat(this.cluster.supervisor().isFinished()).isTrue();
		this.cluster.advance(Duration.ofMinutes(1));
		assertThat(this.cluster.standbys()).hasSize(1);
	}

	@Test
	void keepsNoStandbyForAnApplicationWithoutAPort() {
		this.cluster.settings(new MasterSettings(1, 0, null, FakeCluster.settings(1).restart(),
				FakeCluster.settings(1).timeouts(), new MasterSettings.Recycling(0, 0, 0)));
		this.cluster.start(1);
		this.cluster.up(1);
		this.cluster.advance(Duration.ofSeconds(1));
		assertThat(this.cluster.standbys()).isEmpty();
		assertThat(this.cluster.status().standbys().desired()).isZero();
	}

}
