package dev.clusterboot.channel;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcceptBackoff}.
 */
class AcceptBackoffTests {

	private final AcceptBackoff backoff = new AcceptBackoff(Duration.ofMillis(10), Duration.ofSeconds(1));

	@Test
	void waitDoublesWhileAcceptsFailUpToTheLongest() {
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(10));
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(20));
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(40));
		for (int i = 0; i < 100; i++) {
			this.backoff.failed();
		}
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void anEpisodeBeginsWithTheFirstFailureAndEndsWithTheNextSuccess() {
		assertThat(this.backoff.succeeded()).isZero();
		this.backoff.failed();
		assertThat(this.backoff.episodeBegan()).isTrue();
		this.backoff.failed();
		assertThat(this.backoff.episodeBegan()).isFalse();
		assertThat(this.backoff.succeeded()).isEqualTo(2);
		assertThat(this.backoff.failed()).as("the wait starts short again").isEqualTo(Duration.ofMillis(10));
		assertThat(this.backoff.episodeBegan()).isTrue();
	}

}
