package dev.clusterboot.warmup;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WarmUpLimits}: how a request count is shared between routes.
 */
class WarmUpLimitsTests {

	private static final Duration TEN = Duration.ofSeconds(10);

	@Test
	void sharesTheRequestCountEvenlyAndGivesTheRemainderToTheFirstRoutes() {
		WarmUpLimits limits = new WarmUpLimits(TEN, 7, 2, TEN);
		assertThat(limits.shareOf(0, 3).requests()).isEqualTo(3);
		assertThat(limits.shareOf(1, 3).requests()).isEqualTo(2);
		assertThat(limits.shareOf(2, 3).requests()).isEqualTo(2);
		assertThat(limits.shareOf(2, 3).concurrency()).isEqualTo(2);
	}

	@Test
	void aRouteWhoseShareIsNoneSendsNothing() {
		WarmUpLimits limits = new WarmUpLimits(TEN, 1, 1, TEN);
		assertThat(limits.shareOf(0, 2).requests()).isEqualTo(1);
		assertThat(limits.shareOf(1, 2)).isNull();
	}

	@Test
	void withoutALimitByCountEveryRouteHasNone() {
		WarmUpLimits limits = new WarmUpLimits(TEN, 0, 1, TEN);
		assertThat(limits.shareOf(1, 2)).isEqualTo(limits);
	}

}
