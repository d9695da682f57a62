package dev.clusterboot.master;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.clusterboot.master.RestartPolicy.Decision;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RestartPolicy}, on a clock the test moves by hand.
 */
class RestartPolicyTests {

	private final RestartPolicy policy = new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(4), 2.0,
			Duration.ofSeconds(30), 5);

	private Instant now = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void backoffDoublesWithEachFailedStartInARow() {
		int failedStarts = 0;
		Duration[] delays = new Duration[4];
		for (int i = 0; i < delays.length; i++) {
			Decision decision = this.policy.onUnexpectedExit(null, advance(Duration.ofSeconds(3)), failedStarts);
			delays[i] = ((Decision.Restart) decision).delay();
			failedStarts = decision.failedStarts();
		}
		assertThat(delays).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void backoffStopsGrowingAtTheMaximum() {
		RestartPolicy patient = new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(4), 2.0,
				Duration.ofSeconds(30), 100);
		Decision decision = patient.onUnexpectedExit(null, this.now, 20);
		assertThat(((Decision.Restart) decision).delay()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void aStableRunResetsTheBackoff() {
		Instant readyAt = advance(Duration.ofSeconds(5));
		Decision decision = this.policy.onUnexpectedExit(readyAt, advance(Duration.ofSeconds(30)), 3);
		assertThat(decision).isEqualTo(new Decision.Restart(Duration.ofMillis(500), 0));
	}

	@Test
	void aWorkerThatCrashesSoonAfterBecomingReadyStillCountsAsAFailedStart() {
		Instant readyAt = advance(Duration.ofSeconds(5));
		Decision decision = this.policy.onUnexpectedExit(readyAt, advance(Duration.ofSeconds(29)), 1);
		assertThat(decision).isEqualTo(new Decision.Restart(Duration.ofSeconds(1), 2));
	}

	@Test
	void givesUpAfterMaxFailedStartsInARow() {
		assertThat(this.policy.onUnexpectedExit(null, this.now, 3)).isInstanceOf(Decision.Restart.class);
		assertThat(this.policy.onUnexpectedExit(null, this.now, 4)).isEqualTo(new Decision.GiveUp(5));
	}

	@Test
	void aStableRunNeverGivesUp() {
		Instant readyAt = advance(Duration.ofSeconds(1));
		assertThat(this.policy.onUnexpectedExit(readyAt, advance(Duration.ofMinutes(5)), 4))
			.isInstanceOf(Decision.Restart.class);
	}

	private Instant advance(Duration duration) {
		this.now = this.now.plus(duration);
		return this.now;
	}

}
