package dev.clusterboot.steering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusterboot.steering.CbpfInterpreter.Packet;
import dev.clusterboot.steering.bpf.BpfProgram;
import dev.clusterboot.steering.weighing.ExclusionReason;
import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WorkerProgress;
import dev.clusterboot.steering.weighing.WorkerWeight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SteeringDecision}: from the workers' weights to socket weights in each
 * mode, and sticky addresses that follow their worker when sockets move.
 */
class SteeringDecisionTests {

	private final PortGroupOrder group = PortGroupOrder.empty().join(11).join(12).join(13);

	private final SteeringWeights weights = new SteeringWeights(List.of(new WorkerWeight(11, 1024, null, null),
			new WorkerWeight(12, 0, ExclusionReason.STALLED, new WorkerProgress(3, Instant.EPOCH)),
			new WorkerWeight(13, 256, null, null)));

	@Test
	void healthGivesEveryEligibleWorkerTheSameWeight() {
		assertThat(decide(SteeringMode.HEALTH).weights()).containsExactly(1, 0, 1);
	}

	@Test
	void loadGivesEachEligibleWorkerItsWeightByLoad() {
		assertThat(decide(SteeringMode.LOAD).weights()).containsExactly(1024, 0, 256);
	}

	@Test
	void offGivesNoWeights() {
		assertThat(decide(SteeringMode.OFF).weights()).containsExactly(0, 0, 0);
	}

	@Test
	void stickyWeighsWorkersByTheirBucketsAndMapsBucketsToSockets() {
		SteeringDecision decision = decide(SteeringMode.STICKY);
		assertThat(decision.weights()).containsExactly(128, 0, 128);
		assertThat(decision.buckets()).hasSize(256).containsOnly(0, 2);
	}

	@Test
	void aWorkerMissingFromTheWeightsGetsNothing() {
		SteeringDecision decision = SteeringDecision.of(SteeringMode.HEALTH, this.group.join(14), this.weights,
				StickyBuckets.NONE);
		assertThat(decision.weights()).containsExactly(1, 0, 1, 0);
	}

	@Test
	void stickyAddressesFollowTheirWorkerWhenTheLastSocketMovesIntoALeaversPlace() {
		PortGroupOrder before = PortGroupOrder.empty().join(11).join(12).join(13).join(14);
		PortGroupOrder after = before.leave(12);
		StickyBuckets all = StickyBuckets.NONE.reassign(before.workers());
		StickyBuckets remaining = all.reassign(after.workers());
		BpfProgram first = compile(before, all);
		BpfProgram second = compile(after, remaining);
		Map<Long, Integer> moved = new HashMap<>();
		for (int host = 0; host < 2000; host++) {
			String address = "172.16." + (host / 256) + "." + (host % 256);
			long was = before.workers().get((int) CbpfInterpreter.run(first, Packet.ipv4(address, host)));
			long is = after.workers().get((int) CbpfInterpreter.run(second, Packet.ipv4(address, ~host)));
			if (was != is) {
				moved.merge(was, 1, Integer::sum);
			}
		}
		assertThat(moved).containsOnlyKeys(12L);
	}

	@Test
	void refusesABucketThatGoesToAnExcludedSocket() {
		List<Integer> buckets = new ArrayList<>(Collections.nCopies(StickyBuckets.BUCKETS, 0));
		buckets.set(5, 1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SteeringDecision(SteeringMode.STICKY, List.of(255, 0), buckets));
	}

	@Test
	void refusesNegativeWeightsAndBucketsOutsideSticky() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SteeringDecision(SteeringMode.LOAD, List.of(1, -1), List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SteeringDecision(SteeringMode.LOAD, List.of(1), List.of(0)));
	}

	private SteeringDecision decide(SteeringMode mode) {
		return SteeringDecision.of(mode, this.group, this.weights,
				StickyBuckets.NONE.reassign(this.weights.eligible()));
	}

	private static BpfProgram compile(PortGroupOrder group, StickyBuckets buckets) {
		List<WorkerWeight> weights = group.workers()
			.stream()
			.map((pid) -> new WorkerWeight(pid, 1024, null, null))
			.toList();
		return SteeringProgramCompilerTests.compile(
				SteeringDecision.of(SteeringMode.STICKY, group, new SteeringWeights(weights), buckets));
	}

}
