package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NativeSockets}: what the kernel answers to the raw calls, which
 * {@link ReuseportSteering} turns into reasons.
 */
@EnabledOnOs(OS.LINUX)
class NativeSocketsTests {

	private final NativeSockets sockets = NativeAccess.sockets();

	@Test
	void kernelRefusesAProgramForAListenerInNoReuseportGroupWithEinval() throws IOException {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			int fd = new ListeningSockets(this.sockets).listeningOn(port).get(0).fd();
			assertThatExceptionOfType(SocketCallException.class)
				.isThrownBy(() -> this.sockets.attach(fd, new BpfProgram(List.of(BpfInstruction.ret(0)))))
				.satisfies((ex) -> assertThat(ex.errno()).isEqualTo(22))
				.withMessage("setsockopt(SO_ATTACH_REUSEPORT_CBPF) on fd " + fd + " failed with EINVAL (22)");
		}
	}

	@Test
	void detachingFromAGroupWithoutProgramFailsWithEnoent() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(1)) {
			int fd = new ListeningSockets(this.sockets).listeningOn(group.port()).get(0).fd();
			assertThatExceptionOfType(SocketCallException.class).isThrownBy(() -> this.sockets.detach(fd))
				.satisfies((ex) -> assertThat(ex.errno()).isEqualTo(Errno.ENOENT));
		}
	}

	@Test
	void aClosedDescriptorFailsWithEbadf() {
		assertThatExceptionOfType(SocketCallException.class)
			.isThrownBy(() -> this.sockets.intOption(Integer.MAX_VALUE, NativeSockets.SO_ACCEPTCONN))
			.withMessageContaining("EBADF (9)");
	}

}
