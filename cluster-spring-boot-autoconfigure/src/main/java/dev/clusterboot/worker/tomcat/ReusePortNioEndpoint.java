package dev.clusterboot.worker.tomcat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's NIO endpoint with {@code SO_REUSEPORT} on its listening socket, so that every
 * worker of a cluster can listen on the same port and the kernel spreads connections
 * over them, and with a way to {@link #leaveGroup() leave} the port without pausing.
 * <p>
 * Why a subclass: Tomcat 11 has no setting for {@code SO_REUSEPORT}, and the option must
 * be set before {@code bind()}. {@link NioEndpoint} keeps its listening channel in a
 * private field, but only four protected methods touch it: {@link #initServerSocket()},
 * {@link #serverSocketAccept()}, {@link #getServerSocket()} and
 * {@link #doCloseServerSocket()}. Overriding all four to use a channel of our own needs
 * no reflection and leaves the rest of Tomcat (pollers, TLS, HTTP/2) untouched. A
 * JVM-wide {@code SelectorProvider} would also work, but would turn the option on for
 * every server socket in the JVM, management and JMX ports included.
 * <p>
 * The acceptor waits on a selector rather than in a blocking {@code accept()}, so that
 * leaving the group can first accept everything already queued and then close the
 * socket at once, losing as few connections as the kernel allows. For the same reason
 * {@link #unlockAccept()} wakes the selector instead of connecting to its own port, which
 * in a group would land on a random worker.
 *
 * @author cluster-spring-boot-starter
 */
public class ReusePortNioEndpoint extends NioEndpoint {

	private static final long PAUSED_POLL_MILLIS = 5;

	private volatile @Nullable ServerSocketChannel listener;

	private volatile @Nullable Selector acceptSelector;

	private volatile boolean leaving;

	@Override
	protected void initServerSocket() throws Exception {
		if (getUseInheritedChannel() || getUnixDomainSocketPath() != null) {
			throw new IllegalStateException("A cluster worker listens on a TCP port of its own with SO_REUSEPORT; "
					+ "an inherited channel or a Unix domain socket cannot be shared that way");
		}
		ServerSocketChannel channel = ServerSocketChannel.open();
		Selector selector = Selector.open();
		try {
			getSocketProperties().setProperties(channel.socket());
			channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			channel.bind(new InetSocketAddress(getAddress(), getPortWithOffset()), getAcceptCount());
			channel.configureBlocking(false);
			channel.register(selector, SelectionKey.OP_ACCEPT);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			selector.close();
			throw ex;
		}
		this.listener = channel;
		this.acceptSelector = selector;
	}

	/**
	 * Leave the port's group: accept what is queued, then close the listening socket.
	 * Returns at once; the acceptor thread does the work.
	 */
	public void leaveGroup() {
		this.leaving = true;
		Selector selector = this.acceptSelector;
		if (selector != null) {
			selector.wakeup();
		}
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		try {
			while (true) {
				ServerSocketChannel channel = this.listener;
				Selector selector = this.acceptSelector;
				if (!isRunning() || selector == null) {
					throw new ClosedChannelException();
				}
				if (channel != null && !isPaused()) {
					SocketChannel accepted = channel.accept();
					if (accepted != null) {
						return accepted;
					}
					if (this.leaving) {
						this.listener = null;
						channel.close();
						continue;
					}
				}
				boolean idle = channel == null || isPaused();
				selector.select(idle ? PAUSED_POLL_MILLIS : 0);
				selector.selectedKeys().clear();
			}
		}
		catch (ClosedSelectorException ex) {
			throw new ClosedChannelException();
		}
	}

	@Override
	protected void unlockAccept() {
		Selector selector = this.acceptSelector;
		if (selector != null) {
			selector.wakeup();
		}
	}

	@Override
	protected @Nullable NetworkChannel getServerSocket() {
		return this.listener;
	}

	@Override
	protected void doCloseServerSocket() throws IOException {
		ServerSocketChannel channel = this.listener;
		Selector selector = this.acceptSelector;
		this.listener = null;
		this.acceptSelector = null;
		if (channel != null) {
			channel.close();
		}
		if (selector != null) {
			selector.close();
		}
	}

}
