package dev.clusterboot.portgroup.tomcat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

import org.apache.tomcat.util.net.SocketProperties;
import org.jspecify.annotations.Nullable;

/**
 * The listening side of a {@link ReusePortNioEndpoint}: a non-blocking channel with
 * {@code SO_REUSEPORT} on a selector that the acceptor waits on. After a
 * {@link #join(InetSocketAddress) join} the acceptor takes what is queued on the current
 * channel, closes it and accepts on the shared port's channel from then on; while leaving
 * it takes what is queued and closes the channel. The acceptor thread is the only one that
 * ever swaps or closes the channel it accepts from.
 *
 * @author cluster-spring-boot-starter
 */
final class SelectorListener {

	private static final long PAUSED_POLL_MILLIS = 5;

	private final SocketProperties socketProperties;

	private final int backlog;

	private final Selector selector;

	private volatile @Nullable ServerSocketChannel listener;

	private volatile @Nullable ServerSocketChannel joining;

	private volatile boolean closed;

	private SelectorListener(SocketProperties socketProperties, int backlog, Selector selector) {
		this.socketProperties = socketProperties;
		this.backlog = backlog;
		this.selector = selector;
	}

	/**
	 * Bind a listening channel with {@code SO_REUSEPORT}.
	 * @param address the address to bind
	 * @param socketProperties Tomcat's socket settings for the channel
	 * @param backlog the length of the kernel's accept queue
	 * @return the listener
	 * @throws IOException if the address cannot be bound
	 */
	static SelectorListener open(InetSocketAddress address, SocketProperties socketProperties, int backlog)
			throws IOException {
		Selector selector = Selector.open();
		try {
			SelectorListener listener = new SelectorListener(socketProperties, backlog, selector);
			listener.listener = listener.openChannel(address);
			return listener;
		}
		catch (IOException | RuntimeException ex) {
			selector.close();
			throw ex;
		}
	}

	private ServerSocketChannel openChannel(InetSocketAddress address) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			this.socketProperties.setProperties(channel.socket());
			channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			channel.bind(address, this.backlog);
			channel.configureBlocking(false);
			channel.register(this.selector, SelectionKey.OP_ACCEPT);
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Bind the shared port now, on the calling thread, for the acceptor to move to once
	 * {@link #wakeUp() woken}.
	 * @param shared the shared address
	 * @throws IOException if the address cannot be bound
	 */
	void join(InetSocketAddress shared) throws IOException {
		this.joining = openChannel(shared);
	}

	/**
	 * Return the channel the acceptor accepts from.
	 * @return the channel, or {@code null} once it has left the port or closed
	 */
	@Nullable ServerSocketChannel channel() {
		return this.listener;
	}

	/**
	 * Accept the next connection, waiting on the selector, and swap or close the channel
	 * when there is nothing left to accept on it and a join or a leave asks for it.
	 * @param running whether the endpoint still runs
	 * @param paused whether the endpoint is paused, when it accepts nothing
	 * @param leaving whether the endpoint leaves the port
	 * @return the accepted connection
	 * @throws ClosedChannelException once the endpoint stops or the listener closes
	 * @throws IOException if accepting fails
	 */
	SocketChannel accept(BooleanSupplier running, BooleanSupplier paused, BooleanSupplier leaving)
			throws IOException {
		try {
			while (true) {
				ServerSocketChannel channel = this.listener;
				if (!running.getAsBoolean() || this.closed) {
					throw new ClosedChannelException();
				}
				if (channel != null && !paused.getAsBoolean()) {
					SocketChannel accepted = channel.accept();
					if (accepted != null) {
						return accepted;
					}
					ServerSocketChannel next = this.joining;
					if (next != null) {
						this.joining = null;
						this.listener = next;
						channel.close();
						continue;
					}
					if (leaving.getAsBoolean()) {
						this.listener = null;
						channel.close();
						continue;
					}
				}
				boolean idle = channel == null || paused.getAsBoolean();
				this.selector.select(idle ? PAUSED_POLL_MILLIS : 0);
				this.selector.selectedKeys().clear();
			}
		}
		catch (ClosedSelectorException ex) {
			throw new ClosedChannelException();
		}
	}

	/**
	 * Wake the acceptor, so that it looks again at what it should do.
	 */
	void wakeUp() {
		this.selector.wakeup();
	}

	/**
	 * Close the channels and the selector.
	 * @throws IOException if a channel cannot be closed
	 */
	void close() throws IOException {
		ServerSocketChannel channel = this.listener;
		ServerSocketChannel next = this.joining;
		this.closed = true;
		this.listener = null;
		this.joining = null;
		if (channel != null) {
			channel.close();
		}
		if (next != null) {
			next.close();
		}
		this.selector.close();
	}

}
