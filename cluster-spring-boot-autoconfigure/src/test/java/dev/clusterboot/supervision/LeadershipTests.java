package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.api.status.LeaderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the leader rule, driven through {@link Supervisor} and {@link Operations} with
 * fake processes and a time the test moves. The master's loop ticks after every event it
 * handles, so {@link #noticed()} (a tick at the same instant) is "at once".
 */
class LeadershipTests {

	private final FakeCluster cluster = new FakeCluster();

	@Test
	void noWorkerLeadsBeforeOneServesAndTheFirstServingWorkerBecomesTheLeader() {
		this.cluster.start(2);
		noticed();
		assertThat(leader()).isNull();
		this.cluster.up(2);
		noticed();
		assertThat(leader().worker()).isEqualTo(2);
		assertThat(leader().pid()).isEqualTo(1002);
		assertThat(leader().since()).isEqualTo(this.cluster.now());
		this.cluster.up(1);
		this.cluster.advance(Duration.ofSeconds(5));
		assertThat(leader().worker()).isEqualTo(2);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1002");
	}

	@Test
	void whenTheLeaderExitsAnotherServingWorkerLeadsAtOnce() {
		twoServingWorkers();
		this.cluster.advance(Duration.ofSeconds(3));
		Instant exitedAt = this.cluster.now();
		this.cluster.exit(this.cluster.process(1), 137);
		noticed();
		assertThat(leader().worker()).isEqualTo(2);
		assertThat(leader().since()).isEqualTo(exitedAt);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1001", "GrantLeadership 1002");
	}

	@Test
	void whenTheLeaderIsDeclaredHungItIsRevokedAndAnotherLeadsAtOnce() {
		twoServingWorkers();
		this.cluster.process(1).silent = true;
		this.cluster.advance(Duration.ofSeconds(10));
		assertThat(leader().worker()).isEqualTo(1);
		this.cluster.advance(Duration.ofSeconds(1));
		assertThat(this.cluster.process(1).dumped).isTrue();
		assertThat(leader().worker()).isEqualTo(2);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1001", "RevokeLeadership 1001",
				"GrantLeadership 1002");
	}

	@Test
	void aHungLeaderThatCannotBeToldIsNoLongerTheLeaderOnceDeclaredHung() {
		twoServingWorkers();
		this.cluster.process(1).silent = true;
		this.cluster.process(1).unreachable = true;
		this.cluster.advance(Duration.ofSeconds(11));
		assertThat(leader().worker()).isEqualTo(2);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1001", "GrantLeadership 1002");
	}

	@Test
	void aWorkerThatCannotBeToldIsNotNamedTheLeader() {
		this.cluster.start(2);
		this.cluster.up(1).unreachable = true;
		this.cluster.up(2);
		noticed();
		assertThat(leader().worker()).isEqualTo(2);
	}

	@Test
	void aRollingRestartMovesLeadershipOffTheDrainedWorkerRevokingItFirst() {
		twoServingWorkers();
		this.cluster.operations().rollingRestart(this.cluster.now());
		noticed();
		assertThat(leader().pid()).as("a replacement that is starting does not lead").isEqualTo(1001);
		this.cluster.up(3);
		noticed();
		assertThat(this.cluster.process(1).drained).isTrue();
		assertThat(leader().worker()).isEqualTo(1);
		assertThat(leader().pid()).isEqualTo(1003);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1001", "Drain 1001", "RevokeLeadership 1001",
				"GrantLeadership 1003");
	}

	@Test
	void recyclingTheLeaderMovesLeadershipToItsReplacement() {
		this.cluster.recycling(new MasterSettings.Recycling(100, 0, 0)).start(1);
		FakeProcess old = this.cluster.up(1);
		noticed();
		this.cluster.report(old, 100, null);
		this.cluster.advance(Duration.ofMillis(1));
		this.cluster.up(2);
		noticed();
		assertThat(leader().pid()).isEqualTo(1002);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1001", "Drain 1001", "RevokeLeadership 1001",
				"GrantLeadership 1002");
	}

	@Test
	void scalingDownTheLeadersSlotMovesLeadershipToAWorkerThatStays() {
		this.cluster.start(2);
		this.cluster.up(2);
		noticed();
		this.cluster.up(1);
		assertThat(this.cluster.operations().scale(1, this.cluster.now())).isNull();
		noticed();
		assertThat(leader().worker()).isEqualTo(1);
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1002", "Drain 1002", "RevokeLeadership 1002",
				"GrantLeadership 1001");
	}

	@Test
	void aStoppingClusterHasNoLeader() {
		twoServingWorkers();
		this.cluster.operations().stop(this.cluster.now());
		noticed();
		assertThat(leader()).isNull();
		assertThat(this.cluster.told).containsExactly("GrantLeadership 1001", "Drain 1001", "Drain 1002",
				"RevokeLeadership 1001");
	}

	@Test
	void aRestartedWorkerThatServesAgainLeadsWhenNoOtherServes() {
		this.cluster.start(1);
		this.cluster.up(1);
		noticed();
		this.cluster.exit(this.cluster.process(1), 137);
		noticed();
		assertThat(leader()).isNull();
		this.cluster.advance(Duration.ofMillis(500));
		this.cluster.up(2);
		noticed();
		assertThat(leader().pid()).isEqualTo(1002);
	}

	@Test
	void neverMoreThanOneWorkerIsToldItLeadsWithoutTheOtherBeingRevokedOrGone() {
		twoServingWorkers();
		this.cluster.operations().rollingRestart(this.cluster.now());
		for (int step = 0; step < 20; step++) {
			if (this.cluster.launched().size() < 4 && this.cluster.launched().size() > 2) {
				this.cluster.up(this.cluster.launched().size());
			}
			this.cluster.advance(Duration.ofMillis(100));
		}
		assertThat(this.cluster.told.stream().filter((message) -> message.startsWith("GrantLeadership")))
			.containsExactly("GrantLeadership 1001", "GrantLeadership 1003");
		assertThat(this.cluster.told.indexOf("RevokeLeadership 1001"))
			.isLessThan(this.cluster.told.indexOf("GrantLeadership 1003"));
	}

	@Test
	void withoutASharedLockTheHostsLeaderIsTheClustersLeader() {
		twoServingWorkers();
		assertThat(leader().scope()).isEqualTo(LeadershipScope.HOST);
		assertThat(leader().lock()).isNull();
	}

	@Test
	void withASharedLockTheStatusShowsWhetherTheHostsLeaderHoldsItAsItReports() {
		this.cluster.sharedLock("reports");
		twoServingWorkers();
		assertThat(leader().scope()).isEqualTo(LeadershipScope.ALL_HOSTS);
		assertThat(leader().lock()).isEqualTo(new LeaderStatus.SharedLockStatus("reports", false, null));
		this.cluster.advance(Duration.ofSeconds(1));
		Instant tookAt = this.cluster.now();
		this.cluster.supervisor().reports().sharedLock(1001, true, tookAt);
		this.cluster.supervisor().reports().sharedLock(1002, false, tookAt);
		assertThat(leader().lock()).as("a worker that does not lead is not heard")
			.isEqualTo(new LeaderStatus.SharedLockStatus("reports", true, tookAt));
		this.cluster.exit(this.cluster.process(1), 137);
		noticed();
		assertThat(leader().worker()).isEqualTo(2);
		assertThat(leader().lock().held()).as("the new leader has not taken the lock yet").isFalse();
	}

	private void twoServingWorkers() {
		this.cluster.start(2);
		this.cluster.up(1);
		this.cluster.up(2);
		noticed();
		assertThat(leader().worker()).isEqualTo(1);
	}

	private void noticed() {
		this.cluster.advance(Duration.ZERO);
	}

	private LeaderStatus leader() {
		return this.cluster.status().leader();
	}

}
