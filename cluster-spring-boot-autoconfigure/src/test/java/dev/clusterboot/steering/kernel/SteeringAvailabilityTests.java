package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SteeringAvailability}: the probe that a worker reports to the master,
 * with real sockets.
 */
@EnabledOnOs(OS.LINUX)
class SteeringAvailabilityTests {

	@Test
	void isAvailableWhenThePortsReuseportGroupHasASocketOfThisProcess() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(2)) {
			SteeringAvailability availability = SteeringAvailability.probe(group.port());
			assertThat(availability.isAvailable()).isTrue();
			assertThat(availability.description()).isEqualTo("available");
		}
	}

	@Test
	void probingLeavesThePortsProgramAsItWas() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(2)) {
			new ReuseportSteering(group.port()).attach(new BpfProgram(List.of(BpfInstruction.ret(1))));
			assertThat(SteeringAvailability.probe(group.port()).isAvailable()).isTrue();
			assertThat(group.connect(10)).containsExactly(0, 10);
		}
	}

	@Test
	void namesTheReasonWhenNoSocketListensOnThePort() throws IOException {
		int port;
		try (ReuseportGroup group = ReuseportGroup.open(1)) {
			port = group.port();
		}
		SteeringAvailability availability = SteeringAvailability.probe(port);
		assertThat(availability.isAvailable()).isFalse();
		assertThat(availability.reason()).isEqualTo(SteeringUnavailableReason.NO_LISTENING_SOCKET);
		assertThat(availability.description()).startsWith("NO_LISTENING_SOCKET: No TCP socket of this process");
	}

}
