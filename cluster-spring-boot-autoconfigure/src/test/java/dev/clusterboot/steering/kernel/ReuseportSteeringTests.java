package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.clusterboot.steering.SteeringDecision;
import dev.clusterboot.steering.SteeringMode;
import dev.clusterboot.steering.SteeringProgramCompiler;
import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReuseportSteering} with real sockets: a reuseport group of listening
 * channels in the test JVM, real client connections, and the kernel running the program.
 */
@EnabledOnOs(OS.LINUX)
class ReuseportSteeringTests {

	@Test
	void sendsEveryConnectionToTheSocketThatTheProgramReturns() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(3)) {
			SteeringAttachment attachment = new ReuseportSteering(group.port()).attach(constant(1));
			assertThat(group.connect(20)).containsExactly(0, 20, 0);
			assertThat(attachment.sockets()).hasSize(3).allMatch(ListeningSocket::reusePort);
			assertThat(attachment.severalListeners()).isTrue();
			assertThat(attachment).hasToString(
					"This process listens on port " + group.port() + " 3 times; attached through each, in case they are"
							+ " separate groups: " + attachment.sockets());
		}
	}

	@Test
	void keepsNewConnectionsAwayFromASocketWhoseWeightIsZero() throws IOException {
		BpfProgram program = SteeringProgramCompiler
			.compile(new SteeringDecision(SteeringMode.LOAD, List.of(0, 1, 1), List.of()));
		try (ReuseportGroup group = ReuseportGroup.open(3)) {
			new ReuseportSteering(group.port()).attach(program);
			int[] accepted = group.connect(40);
			assertThat(accepted[0]).isZero();
			assertThat(accepted[1]).isPositive();
			assertThat(accepted[2]).isPositive();
		}
	}

	@Test
	void aNewProgramReplacesThePreviousOne() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(3)) {
			ReuseportSteering steering = new ReuseportSteering(group.port());
			steering.attach(constant(1));
			steering.attach(constant(2));
			assertThat(group.connect(10)).containsExactly(0, 0, 10);
		}
	}

	@Test
	void detachingHandsTheChoiceBackToTheKernelsHash() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(3)) {
			ReuseportSteering steering = new ReuseportSteering(group.port());
			steering.attach(constant(1));
			assertThat(steering.detach()).isTrue();
			assertThat(group.connectUntilEachAccepted(300)).doesNotContain(0);
			assertThat(steering.detach()).isFalse();
		}
	}

	@Test
	void aProgramThatReturnsAnIndexPastTheGroupHandsEveryChoiceToTheKernelsHash() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(3)) {
			ReuseportSteering steering = new ReuseportSteering(group.port());
			steering.attach(constant(1));
			steering.attach(new BpfProgram(List.of(BpfInstruction.ret(SteeringProgramCompiler.FALLBACK))));
			assertThat(group.connectUntilEachAccepted(300)).doesNotContain(0);
		}
	}

	@Test
	void detachingWithoutAProgramSaysThatThereWasNone() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(2)) {
			assertThat(new ReuseportSteering(group.port()).detach()).isFalse();
		}
	}

	@Test
	void attachingWithoutAListeningSocketOnThePortSaysSo() throws IOException {
		int port;
		try (ReuseportGroup group = ReuseportGroup.open(1)) {
			port = group.port();
		}
		assertThatExceptionOfType(SteeringUnavailableException.class)
			.isThrownBy(() -> new ReuseportSteering(port).attach(constant(0)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(SteeringUnavailableReason.NO_LISTENING_SOCKET))
			.satisfies((ex) -> assertThat(ex.getErrnoName()).isNull())
			.withMessageContaining("No TCP socket of this process listens on port " + port);
	}

	@Test
	void attachingToAListenerWithoutReusePortSaysThatItIsInNoGroup() throws IOException {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			assertThatExceptionOfType(SteeringUnavailableException.class)
				.isThrownBy(() -> new ReuseportSteering(port).attach(constant(0)))
				.satisfies((ex) -> assertThat(ex.getReason())
					.isEqualTo(SteeringUnavailableReason.NOT_IN_REUSEPORT_GROUP))
				.withMessageContaining("no SO_REUSEPORT");
		}
	}

	@Test
	void aProgramThatTheKernelRefusesNamesTheErrnoAndKeepsTheGroupsProgram() throws IOException {
		BpfProgram divisionByZero = new BpfProgram(List.of(new BpfInstruction(0x34, 0, 0, 0), BpfInstruction.ret(0)));
		try (ReuseportGroup group = ReuseportGroup.open(2)) {
			ReuseportSteering steering = new ReuseportSteering(group.port());
			steering.attach(constant(1));
			assertThatExceptionOfType(SteeringUnavailableException.class)
				.isThrownBy(() -> steering.attach(divisionByZero))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(SteeringUnavailableReason.KERNEL_REFUSED))
				.satisfies((ex) -> assertThat(ex.getErrno()).isEqualTo(22))
				.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EINVAL"))
				.withMessageContaining("with EINVAL (22): the program is invalid");
			assertThat(group.connect(10)).containsExactly(0, 10);
		}
	}

	private static BpfProgram constant(int socket) {
		return new BpfProgram(List.of(BpfInstruction.ret(socket)));
	}

}
