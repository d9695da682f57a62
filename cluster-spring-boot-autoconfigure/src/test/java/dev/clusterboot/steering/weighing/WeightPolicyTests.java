package dev.clusterboot.steering.weighing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.clusterboot.steering.SteeringSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WeightPolicy}, driven on a clock that the test moves.
 */
class WeightPolicyTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final WeightPolicy policy = new WeightPolicy(SteeringSettings.DEFAULTS.unresponsiveAfter(),
			SteeringSettings.DEFAULTS.stalledAfter());

	private final PortGroupOrder group = PortGroupOrder.empty().join(11).join(12);

	private final Map<Long, WorkerLoad> loads = new HashMap<>();

	private SteeringWeights weights = SteeringWeights.NONE;

	@Test
	void idleReadyWorkersGetTheFullWeight() {
		report(11, 0, 0, 0, null);
		report(12, 0, 0, 0, null);
		weighAt(0);
		assertThat(this.weights.workers()).extracting(WorkerWeight::weight).containsExactly(1024, 1024);
		assertThat(this.weights.eligible()).containsExactly(11L, 12L);
	}

	@Test
	void fewerRequestsInFlightGiveMoreWeight() {
		assertThat(WeightPolicy.loadWeight(0, 0)).isEqualTo(1024);
		assertThat(WeightPolicy.loadWeight(1, 0)).isEqualTo(512);
		assertThat(WeightPolicy.loadWeight(3, 0)).isEqualTo(256);
		assertThat(WeightPolicy.loadWeight(5000, 0)).isEqualTo(1);
		assertThat(WeightPolicy.loadWeight(Integer.MAX_VALUE, 0)).isEqualTo(1);
	}

	@Test
	void aSlowRequestWeighsMostSoThatItsWorkerGetsASixteenthOfAnIdleOnesShare() {
		assertThat(WeightPolicy.loadWeight(1, 1)).isEqualTo(1024 / 16);
		assertThat(WeightPolicy.loadWeight(3, 1)).isEqualTo(1024 / 32);
		assertThat(WeightPolicy.loadWeight(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(1);
	}

	@Test
	void aWorkerSilentForTheUnresponsiveThresholdGetsNothingUntilItReportsAgain() {
		report(11, 0, 0, 0, null);
		report(12, 0, 0, 0, null);
		assertThat(weighAt(499).of(12).eligible()).isTrue();
		assertThat(weighAt(500).of(12).exclusion()).isEqualTo(ExclusionReason.UNRESPONSIVE);
		report(12, 600, 0, 0, null);
		assertThat(weighAt(600).of(12).eligible()).isTrue();
	}

	@Test
	void aWorkerThatNeverReportedIsUnresponsive() {
		report(11, 0, 0, 0, null);
		assertThat(weighAt(0).of(12).exclusion()).isEqualTo(ExclusionReason.UNRESPONSIVE);
		assertThat(this.weights.eligible()).containsExactly(11L);
	}

	@Test
	void drainingAndNotReadyWorkersGetNothing() {
		this.loads.put(11L, new WorkerLoad(11, START, true, true, 0, 0, 0, null));
		this.loads.put(12L, new WorkerLoad(12, START, false, false, 0, 0, 0, null));
		weighAt(0);
		assertThat(this.weights.of(11).exclusion()).isEqualTo(ExclusionReason.DRAINING);
		assertThat(this.weights.of(12).exclusion()).isEqualTo(ExclusionReason.NOT_READY);
		assertThat(this.weights.of(12).weight()).isZero();
	}

	@Test
	void unresponsiveIsShownBeforeDraining() {
		this.loads.put(11L, new WorkerLoad(11, START, true, true, 0, 0, 0, null));
		assertThat(weighAt(800).of(11).exclusion()).isEqualTo(ExclusionReason.UNRESPONSIVE);
	}

	@Test
	void aBusyWorkerThatCompletesNothingForTheStallThresholdGetsNothing() {
		report(11, 0, 3, 10, START.minusSeconds(3600));
		assertThat(weighAt(0).of(11).weight()).isEqualTo(256);
		report(11, 900, 3, 10, START.minusSeconds(3600));
		assertThat(weighAt(900).of(11).eligible()).isTrue();
		report(11, 1000, 3, 10, START.minusSeconds(3600));
		assertThat(weighAt(1000).of(11).exclusion()).isEqualTo(ExclusionReason.STALLED);
		report(11, 1100, 3, 11, START.plusMillis(1050));
		assertThat(weighAt(1100).of(11).eligible()).isTrue();
		report(11, 2000, 3, 11, START.plusMillis(1050));
		assertThat(weighAt(2000).of(11).eligible()).isTrue();
		report(11, 2050, 3, 11, START.plusMillis(1050));
		assertThat(weighAt(2050).of(11).exclusion()).isEqualTo(ExclusionReason.STALLED);
	}

	@Test
	void aRequestAfterAQuietHourIsNotAStall() {
		report(11, 0, 1, 10, START.minusSeconds(3600));
		assertThat(weighAt(0).of(11).eligible()).isTrue();
		report(11, 100, 1, 10, START.minusSeconds(3600));
		assertThat(weighAt(100).of(11).eligible()).isTrue();
	}

	@Test
	void aBusyWorkerThatKeepsCompletingIsNeverStalled() {
		for (int tick = 0; tick < 50; tick++) {
			report(11, tick * 100, 5, tick, START.plusMillis(tick * 100));
			assertThat(weighAt(tick * 100).of(11).eligible()).isTrue();
		}
	}

	@Test
	void anIdleWorkerIsNeverStalled() {
		report(11, 0, 0, 10, START.minusSeconds(3600));
		assertThat(weighAt(0).of(11).progress()).isNull();
		report(11, 5000, 0, 10, START.minusSeconds(3600));
		assertThat(weighAt(5000).of(11).eligible()).isTrue();
	}

	@Test
	void weighsOnlyTheGroupInItsOrder() {
		report(12, 0, 0, 0, null);
		report(11, 0, 0, 0, null);
		report(99, 0, 0, 0, null);
		assertThat(weighAt(0).workers()).extracting(WorkerWeight::pid).containsExactly(11L, 12L);
	}

	private void report(long pid, long atMillis, int inFlight, long completed, @Nullable Instant lastCompletion) {
		this.loads.put(pid,
				new WorkerLoad(pid, START.plusMillis(atMillis), true, false, inFlight, 0, completed, lastCompletion));
	}

	private SteeringWeights weighAt(long millis) {
		this.weights = this.policy.weigh(START.plus(Duration.ofMillis(millis)), this.group, this.loads,
				this.weights);
		return this.weights;
	}

}
