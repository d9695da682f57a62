package dev.clusterboot.portgroup.tomcat;

import java.io.IOException;
import java.net.InetAddress;
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
 * <p>
 * A {@link #setStaged(boolean) staged} endpoint first listens on a private loopback
 * port; {@link #joinGroup()} binds the shared port and hands the new channel to the
 * acceptor, which takes what is queued on the private channel, closes it and accepts on
 * the shared one from then on: the acceptor thread is the only one that ever swaps the
 * channel it accepts from.
 *
 * @author cluster-spring-boot-starter
 */
public class ReusePortNioEndpoint extends NioEndpoint {

	private static final long PAUSED_POLL_MILLIS = 5;

	private volatile @Nullable ServerSocketChannel listener;

	private volatile @Nullable Selector acceptSelector;

	private volatile boolean leaving;

	private volatile boolean staged;

	private volatile boolean joined;

	private volatile @Nullable ServerSocketChannel joining;

	/**
	 * Start on a private loopback port instead of the shared one, until
	 * {@link #joinGroup()}. Must be set before the endpoint binds.
	 * @param staged whether the start is staged
	 */
	public void setStaged(boolean staged) {
		this.staged = staged;
	}

	@Override
	protected void initServerSocket() throws Exception {
		if (getUseInheritedChannel() || getUnixDomainSocketPath() != null) {
			throw new IllegalStateException("A cluster worker listens on a TCP port of its own with SO_REUSEPORT; "
					+ "an inherited channel or a Unix domain socket cannot be shared that way");
		}
		Selector selector = Selector.open();
		ServerSocketChannel channel;
		try {
			InetSocketAddress address = this.staged ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
					: sharedAddress();
			channel = openListener(address, selector);
		}
		catch (IOException | RuntimeException ex) {
			selector.close();
			throw ex;
		}
		this.joined = !this.staged;
		this.listener = channel;
		this.acceptSelector = selector;
	}

	private InetSocketAddress sharedAddress() {
		return new InetSocketAddress(getAddress(), getPortWithOffset());
	}

	private ServerSocketChannel openListener(InetSocketAddress address, Selector selector) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			getSocketProperties().setProperties(channel.socket());
			channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			channel.bind(address, getAcceptCount());
			channel.configureBlocking(false);
			channel.register(selector, SelectionKey.OP_ACCEPT);
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Join the port's group: bind the shared port now, on the calling thread (so that a
	 * failure is thrown here), and let the acceptor move to it. Does nothing when already
	 * joined.
	 * @throws IOException if the shared port cannot be bound
	 * @throws IllegalStateException if the endpoint is not listening
	 */
	public synchronized void joinGroup() throws IOException {
		if (this.joined) {
			return;
		}
		Selector selector = this.acceptSelector;
		if (selector == null || this.listener == null) {
			throw new IllegalStateException("Tomcat's connector is not listening, so it cannot join the shared port");
		}
		InetSocketAddress address = sharedAddress();
		try {
			this.joining = openListener(address, selector);
		}
		catch (IOException ex) {
			throw new IOException("Cannot bind the shared port " + address + " with SO_REUSEPORT: " + ex.getMessage(),
					ex);
		}
		this.joined = true;
		selector.wakeup();
	}

	/**
	 * Return whether the endpoint listens, or is about to listen, on the shared port.
	 * @return whether it has joined the port's group
	 */
	public boolean isJoined() {
		return this.joined;
	}

	/**
	 * Return the private loopback address of a staged endpoint that has not joined yet.
	 * @return the address, or {@code null}
	 */
	public @Nullable InetSocketAddress privateAddress() {
		ServerSocketChannel channel = this.listener;
		if (this.joined || channel == null) {
			return null;
		}
		try {
			return (InetSocketAddress) channel.getLocalAddress();
		}
		catch (IOException ex) {
			return null;
		}
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
					ServerSocketChannel next = this.joining;
					if (next != null) {
						this.joining = null;
						this.listener = next;
						channel.close();
						continue;
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
		ServerSocketChannel next = this.joining;
		Selector selector = this.acceptSelector;
		this.listener = null;
		this.joining = null;
		this.acceptSelector = null;
		if (channel != null) {
			channel.close();
		}
		if (next != null) {
			next.close();
		}
		if (selector != null) {
			selector.close();
		}
	}

}
