package dev.clusterboot.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CutOffWarnings}, on a time the test moves.
 */
class CutOffWarningsTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final CutOffWarnings warnings = new CutOffWarnings(LogFactory.getLog(CutOffWarningsTests.class),
			Clock.systemUTC(), Duration.ofSeconds(10));

	@Test
	void warnsAtMostOncePerIntervalAndCountsTheWarningsLeftOut() {
		assertThat(this.warnings.admit("cut off 1", START)).isEqualTo("cut off 1");
		assertThat(this.warnings.admit("cut off 2", START.plusSeconds(1))).isNull();
		assertThat(this.warnings.admit("cut off 3", START.plusSeconds(9))).isNull();
		assertThat(this.warnings.admit("cut off 4", START.plusSeconds(10)))
			.isEqualTo("cut off 4 (2 more peers refused or cut off since 2026-01-01T00:00:00Z)");
		assertThat(this.warnings.admit("cut off 5", START.plusSeconds(19))).isNull();
		assertThat(this.warnings.admit("cut off 6", START.plusSeconds(60))).startsWith("cut off 6 (1 more peers");
		assertThat(this.warnings.admit("cut off 7", START.plusSeconds(70))).isEqualTo("cut off 7");
	}

}
