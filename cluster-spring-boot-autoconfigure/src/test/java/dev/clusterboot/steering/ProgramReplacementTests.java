package dev.clusterboot.steering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ProgramReplacement}: hysteresis on weights, none on exclusions.
 */
class ProgramReplacementTests {

	private static final double THRESHOLD = SteeringSettings.DEFAULTS.replaceAbove();

	@Test
	void replacesWhenThereIsNoProgramYet() {
		assertThat(ProgramReplacement.shouldReplace(null, load(1024, 1024), THRESHOLD)).isTrue();
	}

	@Test
	void keepsTheProgramWhenNothingChanged() {
		assertThat(ProgramReplacement.shouldReplace(load(1024, 512), load(1024, 512), THRESHOLD)).isFalse();
	}

	@Test
	void ignoresSmallChangesOfWeight() {
		assertThat(ProgramReplacement.shouldReplace(load(1024, 1024), load(1024, 930), THRESHOLD)).isFalse();
	}

	@Test
	void replacesWhenWeightsMoveMoreThanTheThreshold() {
		assertThat(ProgramReplacement.shouldReplace(load(1024, 1024), load(1024, 512), THRESHOLD)).isTrue();
	}

	@Test
	void replacesWhenAnyWorkerIsExcludedHoweverSmallItsShare() {
		List<Integer> before = new ArrayList<>(Collections.nCopies(64, 1024));
		List<Integer> after = new ArrayList<>(before);
		after.set(17, 0);
		SteeringDecision current = new SteeringDecision(SteeringMode.LOAD, before, List.of());
		SteeringDecision next = new SteeringDecision(SteeringMode.LOAD, after, List.of());
		assertThat(ProgramReplacement.movedShare(before, after)).isLessThan(THRESHOLD);
		assertThat(ProgramReplacement.shouldReplace(current, next, THRESHOLD)).isTrue();
		assertThat(ProgramReplacement.shouldReplace(next, current, THRESHOLD)).isTrue();
	}

	@Test
	void replacesWhenTheGroupChangesSize() {
		assertThat(ProgramReplacement.shouldReplace(load(1024, 1024), load(1024, 1024, 1024), THRESHOLD)).isTrue();
	}

	@Test
	void replacesWhenTheModeChanges() {
		SteeringDecision health = new SteeringDecision(SteeringMode.HEALTH, List.of(1, 1), List.of());
		SteeringDecision off = new SteeringDecision(SteeringMode.OFF, List.of(0, 0), List.of());
		assertThat(ProgramReplacement.shouldReplace(health, off, THRESHOLD)).isTrue();
	}

	@Test
	void replacesWhenStickyBucketsMove() {
		List<Integer> buckets = new ArrayList<>(Collections.nCopies(StickyBuckets.BUCKETS, 0));
		buckets.subList(128, 256).replaceAll((socket) -> 1);
		SteeringDecision current = new SteeringDecision(SteeringMode.STICKY, List.of(128, 128), buckets);
		buckets.set(0, 1);
		SteeringDecision next = new SteeringDecision(SteeringMode.STICKY, List.of(127, 129), buckets);
		assertThat(ProgramReplacement.shouldReplace(current, next, THRESHOLD)).isTrue();
	}

	@Test
	void measuresTheShareOfConnectionsThatWouldMove() {
		assertThat(ProgramReplacement.movedShare(List.of(1, 1), List.of(2, 1))).isCloseTo(1.0 / 6, within(1e-9));
		assertThat(ProgramReplacement.movedShare(List.of(1, 0), List.of(0, 1))).isEqualTo(1.0);
		assertThat(ProgramReplacement.movedShare(List.of(0, 0), List.of(0, 0))).isZero();
	}

	private static SteeringDecision load(Integer... weights) {
		return new SteeringDecision(SteeringMode.LOAD, List.of(weights), List.of());
	}

}
