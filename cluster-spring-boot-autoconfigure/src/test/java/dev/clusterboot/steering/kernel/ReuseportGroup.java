package dev.clusterboot.steering.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real reuseport group in the test JVM: listening channels with {@code SO_REUSEPORT} on
 * one loopback port, socket index = listen order, and a client that tells which of them
 * accepted each connection.
 */
final class ReuseportGroup implements AutoCloseable {

	private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(5);

	private final List<ServerSocketChannel> channels = new ArrayList<>();

	private final Selector selector;

	private final int port;

	private ReuseportGroup(int size) throws IOException {
		this.selector = Selector.open();
		try {
			this.channels.add(listen(0));
			this.port = ((InetSocketAddress) this.channels.get(0).getLocalAddress()).getPort();
			for (int index = 1; index < size; index++) {
				this.channels.add(listen(this.port));
			}
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Open a group, its channels listening one after the other.
	 * @param size the number of channels
	 * @return the group
	 * @throws IOException when a channel cannot listen
	 */
	static ReuseportGroup open(int size) throws IOException {
		return new ReuseportGroup(size);
	}

	private ServerSocketChannel listen(int port) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
		channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		channel.configureBlocking(false);
		channel.register(this.selector, SelectionKey.OP_ACCEPT);
		return channel;
	}

	int port() {
		return this.port;
	}

	/**
	 * Connect clients one after the other and count which socket accepted each.
	 * @param connections the number of connections
	 * @return how many each socket accepted, by socket index
	 * @throws IOException when a connection fails
	 */
	int[] connect(int connections) throws IOException {
		int[] accepted = new int[this.channels.size()];
		for (int connection = 0; connection < connections; connection++) {
			accepted[connectOnce()]++;
		}
		return accepted;
	}

	/**
	 * Connect clients until every socket accepted one.
	 * @param limit the most connections to try
	 * @return how many each socket accepted, by socket index
	 * @throws IOException when a connection fails
	 */
	int[] connectUntilEachAccepted(int limit) throws IOException {
		int[] accepted = new int[this.channels.size()];
		for (int connection = 0; connection < limit && anyZero(accepted); connection++) {
			accepted[connectOnce()]++;
		}
		return accepted;
	}

	private static boolean anyZero(int[] counts) {
		for (int count : counts) {
			if (count == 0) {
				return true;
			}
		}
		return false;
	}

	private int connectOnce() throws IOException {
		InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port);
		try (SocketChannel client = SocketChannel.open(address)) {
			return acceptWithinTimeout();
		}
	}

	private int acceptWithinTimeout() throws IOException {
		long deadline = System.nanoTime() + ACCEPT_TIMEOUT.toNanos();
		while (true) {
			for (int index = 0; index < this.channels.size(); index++) {
				SocketChannel accepted = this.channels.get(index).accept();
				if (accepted != null) {
					accepted.close();
					return index;
				}
			}
			long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
			if (left <= 0) {
				throw new AssertionError("No socket of port " + this.port + " accepted within " + ACCEPT_TIMEOUT);
			}
			this.selector.select(left);
			this.selector.selectedKeys().clear();
		}
	}

	@Override
	public void close() throws IOException {
		for (ServerSocketChannel channel : this.channels) {
			channel.close();
		}
		this.selector.close();
	}

}
