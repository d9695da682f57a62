package dev.clusterboot.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.clusterboot.portgroup.FakePortGroupMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StandbyPromotion}.
 */
class StandbyPromotionTests {

	private final FakePortGroupMember portGroup = new FakePortGroupMember();

	private final StandbyPromotion promotion = new StandbyPromotion(this.portGroup,
			Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

	@Test
	void aPromotedStandbyJoinsThePortsGroup() {
		assertThat(this.promotion.join(3)).isTrue();
		assertThat(this.portGroup.calls).containsExactly("join");
		assertThat(this.portGroup.joined()).isTrue();
	}

	@Test
	void aStandbyThatCannotJoinSaysSoInsteadOfThrowing() {
		this.portGroup.joinFailure = new IllegalStateException("port taken");
		assertThat(this.promotion.join(3)).isFalse();
		assertThat(this.portGroup.joined()).isFalse();
	}

	@Test
	void aStandbyWithoutAWebServerHasNothingToJoin() {
		assertThat(new StandbyPromotion(null, Clock.offset(Clock.systemUTC(), Duration.ZERO)).join(2)).isTrue();
	}

}
