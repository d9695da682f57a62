package dev.clusterboot.steering;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusterboot.steering.weighing.ExclusionReason;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WorkerLoad;
import dev.clusterboot.steering.weighing.WorkerWeight;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProgramAttacher}.
 */
class ProgramAttacherTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void choosesTheEligibleWorkerThatReportedLast() {
		SteeringWeights weights = new SteeringWeights(List.of(eligible(11), eligible(12), excluded(13,
				ExclusionReason.DRAINING)));
		Map<Long, WorkerLoad> loads = Map.of(11L, load(11, 100), 12L, load(12, 200), 13L, load(13, 300));
		assertThat(ProgramAttacher.choose(weights, loads)).isEqualTo(12L);
	}

	@Test
	void choosesAWorkerThatStillReportsWhenNoneMayTakeConnections() {
		SteeringWeights weights = new SteeringWeights(List.of(excluded(11, ExclusionReason.UNRESPONSIVE),
				excluded(12, ExclusionReason.DRAINING)));
		Map<Long, WorkerLoad> loads = Map.of(11L, load(11, 300), 12L, load(12, 100));
		assertThat(ProgramAttacher.choose(weights, loads)).isEqualTo(12L);
	}

	@Test
	void neverChoosesAnUnresponsiveWorker() {
		SteeringWeights weights = new SteeringWeights(List.of(excluded(11, ExclusionReason.UNRESPONSIVE)));
		assertThat(ProgramAttacher.choose(weights, Map.of(11L, load(11, 0)))).isNull();
	}

	private static WorkerWeight eligible(long pid) {
		return new WorkerWeight(pid, 1, null, null);
	}

	private static WorkerWeight excluded(long pid, ExclusionReason reason) {
		return new WorkerWeight(pid, 0, reason, null);
	}

	private static WorkerLoad load(long pid, long reportedAtMillis) {
		return new WorkerLoad(pid, START.plusMillis(reportedAtMillis), true, false, 0, 0, 0, null);
	}

}
