package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListeningSockets} with real sockets of the test JVM: it finds exactly
 * the listening sockets of a port, as the kernel describes them.
 */
@EnabledOnOs(OS.LINUX)
class ListeningSocketsTests {

	@Test
	void findsEachListeningSocketOfThePortAsDualStackReusePortSockets() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(2)) {
			assertThat(ListeningSockets.find(group.port())).hasSize(2)
				.allSatisfy((socket) -> assertThat(socket)
					.isEqualTo(new ListeningSocket(socket.fd(), ListeningSocket.AF_INET6, group.port(), true)))
				.extracting(ListeningSocket::fd)
				.doesNotHaveDuplicates();
		}
	}

	@Test
	void ignoresTheConnectedSocketsOfThePort() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(1)) {
			ListeningSocket listening = ListeningSockets.find(group.port()).get(0);
			try (ServerSocketChannel other = listen(false);
					SocketChannel client = SocketChannel.open(other.getLocalAddress());
					SocketChannel accepted = other.accept()) {
				assertThat(ListeningSockets.find(group.port())).containsExactly(listening);
			}
			try (SocketChannel client = SocketChannel.open(address(group.port()))) {
				assertThat(ListeningSockets.find(group.port())).containsExactly(listening);
			}
		}
	}

	@Test
	void ignoresTheAcceptedSocketsThatShareTheListeningPort() throws IOException {
		try (ServerSocketChannel listener = listen(true);
				SocketChannel client = SocketChannel.open(listener.getLocalAddress());
				SocketChannel accepted = listener.accept()) {
			int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
			assertThat(((InetSocketAddress) accepted.getLocalAddress()).getPort()).isEqualTo(port);
			assertThat(ListeningSockets.find(port)).singleElement()
				.satisfies((socket) -> assertThat(socket.reusePort()).isTrue());
		}
	}

	@Test
	void ignoresAListenerOnAnotherPort() throws IOException {
		try (ReuseportGroup group = ReuseportGroup.open(1); ServerSocketChannel other = listen(true)) {
			int otherPort = ((InetSocketAddress) other.getLocalAddress()).getPort();
			ListeningSocket mine = ListeningSockets.find(group.port()).get(0);
			assertThat(ListeningSockets.find(group.port())).containsExactly(mine);
			assertThat(ListeningSockets.find(otherPort)).singleElement()
				.satisfies((socket) -> assertThat(socket.fd()).isNotEqualTo(mine.fd()));
		}
	}

	@Test
	void tellsAnIpv4OnlySocketAndASocketWithoutReusePort() throws IOException {
		try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			assertThat(ListeningSockets.find(port)).singleElement().satisfies((socket) -> {
				assertThat(socket.family()).isEqualTo(ListeningSocket.AF_INET);
				assertThat(socket.reusePort()).isFalse();
				assertThat(socket).hasToString("fd " + socket.fd() + " (AF_INET, port " + port + ", no SO_REUSEPORT)");
			});
		}
	}

	@Test
	void findsNothingOnceTheListenerIsClosed() throws IOException {
		int port;
		try (ServerSocketChannel channel = listen(true)) {
			port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
			assertThat(ListeningSockets.find(port)).hasSize(1);
		}
		assertThat(ListeningSockets.find(port)).isEmpty();
	}

	private static ServerSocketChannel listen(boolean reusePort) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		channel.setOption(StandardSocketOptions.SO_REUSEPORT, reusePort);
		channel.bind(address(0));
		return channel;
	}

	private static InetSocketAddress address(int port) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
	}

}
