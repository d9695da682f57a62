package dev.clusterboot.agent;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

import dev.clusterboot.api.status.WorkerHealth;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.portgroup.FakePortGroupMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Heartbeat}: what a worker reports of itself, from its availability
 * and its membership of the port's group.
 */
class HeartbeatTests {

	private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();

	private final FakePortGroupMember portGroup = new FakePortGroupMember();

	@Test
	void aWorkerThatAcceptsTrafficAndHasJoinedThePortIsReadyAndUp() {
		change(LivenessState.CORRECT, ReadinessState.ACCEPTING_TRAFFIC);
		this.portGroup.joined = true;
		this.portGroup.requests = 7;
		WorkerReport report = heartbeat(false).report();
		assertThat(report.ready()).isTrue();
		assertThat(report.health()).isEqualTo(WorkerHealth.UP);
		assertThat(report.requests()).isEqualTo(7);
		assertThat(report.standingBy()).isFalse();
	}

	@Test
	void aStandbyThatAcceptsTrafficButHasNotJoinedStandsByInsteadOfBeingReady() {
		change(LivenessState.CORRECT, ReadinessState.ACCEPTING_TRAFFIC);
		WorkerReport report = heartbeat(true).report();
		assertThat(report.ready()).isFalse();
		assertThat(report.standingBy()).isTrue();
	}

	@Test
	void aWorkerStagedForAWarmUpIsNotReadyUntilItJoinsAndDoesNotStandBy() {
		change(LivenessState.CORRECT, ReadinessState.ACCEPTING_TRAFFIC);
		WorkerReport report = heartbeat(false).report();
		assertThat(report.ready()).isFalse();
		assertThat(report.standingBy()).isFalse();
	}

	@Test
	void aWorkerThatRefusesTrafficIsOutOfServiceAndOneWhoseLivenessIsBrokenIsDown() {
		change(LivenessState.CORRECT, ReadinessState.REFUSING_TRAFFIC);
		this.portGroup.joined = true;
		assertThat(heartbeat(false).report().health()).isEqualTo(WorkerHealth.OUT_OF_SERVICE);
		change(LivenessState.BROKEN, ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(heartbeat(false).report().health()).isEqualTo(WorkerHealth.DOWN);
	}

	@Test
	void aWorkerWithoutAWebServerIsReadyWhenItAcceptsTraffic() {
		change(LivenessState.CORRECT, ReadinessState.ACCEPTING_TRAFFIC);
		WorkerReport report = new Heartbeat((message) -> {
		}, this.availability, Duration.ofSeconds(1), null, false).report();
		assertThat(report.ready()).isTrue();
		assertThat(report.requests()).isZero();
	}

	private Heartbeat heartbeat(boolean standby) {
		return new Heartbeat((message) -> {
		}, this.availability, Duration.ofSeconds(1), this.portGroup, standby);
	}

	private void change(AvailabilityState... states) {
		for (AvailabilityState state : states) {
			this.availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
		}
	}

}
