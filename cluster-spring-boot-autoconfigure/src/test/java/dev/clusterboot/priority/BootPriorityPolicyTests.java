package dev.clusterboot.priority;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.api.status.StandbyState;
import dev.clusterboot.priority.BootPriorityPolicy.Processes;
import dev.clusterboot.supervision.FakeCluster;
import dev.clusterboot.supervision.FakeProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BootPriorityPolicy}: what nice each worker should have, from which
 * processes boot and which serve, first as a plain function and then on the states a
 * {@link FakeCluster} goes through on a movable time.
 */
class BootPriorityPolicyTests {

	private static final BootPriorityPolicy RESTORING = new BootPriorityPolicy(BootPriorityMode.LOWER_AND_RESTORE, 0,
			10);

	private static final BootPriorityPolicy LOWER_ONLY = new BootPriorityPolicy(BootPriorityMode.LOWER_ONLY, 0, 10);

	@Test
	void lowersEveryServingWorkerWhileAJvmBootsAndLeavesTheBootAtTheMastersNice() {
		Map<Long, Integer> targets = RESTORING.targets(new Processes(Set.of(3L), Set.of(1L, 2L), Set.of()), Map.of());
		assertThat(targets).containsOnly(Map.entry(1L, 10), Map.entry(2L, 10), Map.entry(3L, 0));
	}

	@Test
	void restoresTheServingWorkersWhenNoBootRuns() {
		Map<Long, Integer> targets = RESTORING.targets(new Processes(Set.of(), Set.of(1L, 3L), Set.of()),
				Map.of(1L, 10, 3L, 0));
		assertThat(targets).containsOnly(Map.entry(1L, 0), Map.entry(3L, 0));
	}

	@Test
	void lowersNothingWhenOnlyTheFirstWorkersBoot() {
		Map<Long, Integer> targets = RESTORING.targets(new Processes(Set.of(1L, 2L), Set.of(), Set.of()), Map.of());
		assertThat(targets).containsOnly(Map.entry(1L, 0), Map.entry(2L, 0));
	}

	@Test
	void withoutTheRightToRaiseKeepsTheServingWorkersLoweredAfterTheBoot() {
		Map<Long, Integer> targets = LOWER_ONLY.targets(new Processes(Set.of(), Set.of(1L, 3L), Set.of()), Map.of(1L, 10));
		assertThat(targets).containsOnly(Map.entry(1L, 10), Map.entry(3L, 10));
	}

	@Test
	void withoutTheRightToRaiseLeavesAClusterThatWasNeverLoweredAlone() {
		Map<Long, Integer> targets = LOWER_ONLY.targets(new Processes(Set.of(), Set.of(1L, 2L), Set.of()), Map.of());
		assertThat(targets).containsOnly(Map.entry(1L, 0), Map.entry(2L, 0));
	}

	@Test
	void neverGoesBeyondNineteen() {
		BootPriorityPolicy policy = new BootPriorityPolicy(BootPriorityMode.LOWER_AND_RESTORE, 15, 10);
		assertThat(policy.servingNice()).isEqualTo(19);
		assertThat(policy.targets(new Processes(Set.of(2L), Set.of(1L), Set.of()), Map.of())).containsEntry(1L, 19);
	}

	@Test
	void changesNothingWhenOffOrUnavailable() {
		Processes processes = new Processes(Set.of(3L), Set.of(1L, 2L), Set.of());
		assertThat(new BootPriorityPolicy(BootPriorityMode.OFF, 0, 10).targets(processes, Map.of())).isEmpty();
		assertThat(new BootPriorityPolicy(BootPriorityMode.UNAVAILABLE, 0, 10).targets(processes, Map.of()))
			.isEmpty();
	}

	@Test
	void seesAReplacementBootingAfterAKillAndNoBootOnceItIsUp() {
		FakeCluster cluster = new FakeCluster();
		cluster.start(2);
		FakeProcess first = cluster.up(1);
		FakeProcess second = cluster.up(2);
		assertThat(Processes.of(cluster.status()))
			.isEqualTo(new Processes(Set.of(), Set.of(first.pid(), second.pid()), Set.of()));
		cluster.exit(first, 137);
		assertThat(Processes.of(cluster.status())).isEqualTo(new Processes(Set.of(), Set.of(second.pid()), Set.of()));
		cluster.advance(Duration.ofSeconds(1));
		FakeProcess replacement = cluster.process(3);
		assertThat(Processes.of(cluster.status()))
			.isEqualTo(new Processes(Set.of(replacement.pid()), Set.of(second.pid()), Set.of()));
		cluster.up(3);
		assertThat(Processes.of(cluster.status()))
			.isEqualTo(new Processes(Set.of(), Set.of(second.pid(), replacement.pid()), Set.of()));
	}

	@Test
	void aStartingStandbyIsASpareNotABootThatLowersTheServingWorkers() {
		FakeCluster cluster = new FakeCluster().standbyWorkers(1);
		cluster.start(2);
		FakeProcess first = cluster.up(1);
		FakeProcess second = cluster.up(2);
		cluster.advance(Duration.ofMillis(10));
		assertThat(cluster.standbys()).hasSize(1);
		assertThat(cluster.status().standbys().count(StandbyState.STARTING)).isEqualTo(1);
		long standby = cluster.status().standbys().standbys().get(0).process().pid();
		assertThat(Processes.of(cluster.status()))
			.isEqualTo(new Processes(Set.of(), Set.of(first.pid(), second.pid()), Set.of(standby)));
	}

	@Test
	void runsAStandbyBelowTheServingWorkersUntilItIsPromoted() {
		Map<Long, Integer> resting = RESTORING.targets(new Processes(Set.of(), Set.of(1L, 2L), Set.of(3L)), Map.of());
		assertThat(resting).containsOnly(Map.entry(1L, 0), Map.entry(2L, 0), Map.entry(3L, 10));
		Map<Long, Integer> promoted = RESTORING.targets(new Processes(Set.of(), Set.of(1L, 3L), Set.of(4L)),
				Map.of(1L, 0, 2L, 0, 3L, 10));
		assertThat(promoted).as("after worker 2 died and the standby took its slot")
			.containsOnly(Map.entry(1L, 0), Map.entry(3L, 0), Map.entry(4L, 10));
		Map<Long, Integer> lowerOnly = LOWER_ONLY.targets(new Processes(Set.of(), Set.of(1L, 3L), Set.of(4L)),
				Map.of(1L, 0, 3L, 10));
		assertThat(lowerOnly).as("without the right to raise the promoted standby, the others join it")
			.containsOnly(Map.entry(1L, 10), Map.entry(3L, 10), Map.entry(4L, 10));
	}

	@Test
	void seesTheReplacementOfARollingRestartBootingWhileTheOldWorkerServes() {
		FakeCluster cluster = new FakeCluster();
		cluster.start(1);
		FakeProcess old = cluster.up(1);
		cluster.operations().rollingRestart(cluster.now());
		FakeProcess replacement = cluster.process(2);
		assertThat(Processes.of(cluster.status()))
			.isEqualTo(new Processes(Set.of(replacement.pid()), Set.of(old.pid()), Set.of()));
	}

}
