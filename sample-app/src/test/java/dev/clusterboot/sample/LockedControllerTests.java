package dev.clusterboot.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /locked} does the same work as {@code /cpu}, only under the JVM-wide lock, so the
 * benchmark compares like with like.
 */
class LockedControllerTests {

	@Test
	void lockedRoundsGiveTheSameDigestAsCpuRounds() throws Exception {
		assertThat(new LockedController().locked(1000)).isEqualTo(new HelloController().cpu(1000));
	}

}
