package dev.clusterboot.steering;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StickyBuckets}: balanced, and only the buckets that must move move.
 */
class StickyBucketsTests {

	@Test
	void spreadsTheBucketsEvenlyOverTheEligibleWorkers() {
		StickyBuckets buckets = StickyBuckets.NONE.reassign(List.of(1L, 2L, 3L));
		assertThat(buckets.owners()).hasSize(256).containsOnly(1L, 2L, 3L);
		assertThat(List.of(buckets.countOf(1), buckets.countOf(2), buckets.countOf(3))).containsExactly(86, 85, 85);
	}

	@Test
	void sixtyFourWorkersGetFourBucketsEach() {
		List<Long> workers = LongStream.rangeClosed(1, 64).boxed().toList();
		StickyBuckets buckets = StickyBuckets.NONE.reassign(workers);
		assertThat(workers).allSatisfy((pid) -> assertThat(buckets.countOf(pid)).isEqualTo(4));
	}

	@Test
	void movesOnlyTheBucketsOfAWorkerThatIsExcludedOrLeaves() {
		StickyBuckets before = StickyBuckets.NONE.reassign(List.of(1L, 2L, 3L, 4L, 5L));
		StickyBuckets after = before.reassign(List.of(1L, 2L, 4L, 5L));
		for (int bucket = 0; bucket < StickyBuckets.BUCKETS; bucket++) {
			if (before.owners().get(bucket) != 3L) {
				assertThat(after.owners().get(bucket)).isEqualTo(before.owners().get(bucket));
			}
		}
		assertThat(after.owners()).doesNotContain(3L);
		assertBalanced(after, List.of(1L, 2L, 4L, 5L));
	}

	@Test
	void aWorkerThatJoinsTakesBucketsOnlyFromTheOthers() {
		StickyBuckets before = StickyBuckets.NONE.reassign(List.of(1L, 2L, 3L));
		StickyBuckets after = before.reassign(List.of(1L, 2L, 3L, 4L));
		for (int bucket = 0; bucket < StickyBuckets.BUCKETS; bucket++) {
			Long owner = after.owners().get(bucket);
			assertThat(owner).isIn(before.owners().get(bucket), 4L);
		}
		assertThat(after.countOf(4)).isEqualTo(64);
		assertBalanced(after, List.of(1L, 2L, 3L, 4L));
	}

	@Test
	void aWorkerThatComesBackIsGivenItsShareAgain() {
		StickyBuckets all = StickyBuckets.NONE.reassign(List.of(1L, 2L));
		StickyBuckets back = all.reassign(List.of(1L)).reassign(List.of(1L, 2L));
		assertBalanced(back, List.of(1L, 2L));
	}

	@Test
	void keepsTheAssignmentWhenNothingChanged() {
		StickyBuckets buckets = StickyBuckets.NONE.reassign(List.of(1L, 2L, 3L));
		assertThat(buckets.reassign(List.of(1L, 2L, 3L))).isEqualTo(buckets);
	}

	@Test
	void hasNoAssignmentWhenNoWorkerMayTakeConnections() {
		assertThat(StickyBuckets.NONE.reassign(List.of(1L)).reassign(List.of())).isEqualTo(StickyBuckets.NONE);
	}

	@Test
	void refusesAnAssignmentOfTheWrongSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StickyBuckets(List.of(1L, 2L)));
	}

	private static void assertBalanced(StickyBuckets buckets, List<Long> workers) {
		List<Integer> counts = workers.stream().map(buckets::countOf).toList();
		int fewest = counts.stream().min(Integer::compare).orElseThrow();
		int most = counts.stream().max(Integer::compare).orElseThrow();
		assertThat(most - fewest).isLessThanOrEqualTo(1);
		assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(StickyBuckets.BUCKETS);
	}

}
