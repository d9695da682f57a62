package dev.clusterboot.portgroup.tomcat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.OptionalLong;

import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.portgroup.PortJoins;

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
 * the shared one from then on. The channel, its selector and the acceptor's loop are a
 * {@link SelectorListener}.
 *
 * @author cluster-spring-boot-starter
 */
public class ReusePortNioEndpoint extends NioEndpoint {

	private volatile @Nullable SelectorListener listening;

	private volatile boolean leaving;

	private volatile boolean staged;

	private volatile boolean joined;

	private volatile OptionalLong joinedAtNanos = OptionalLong.empty();

	private volatile PortJoins joins = PortJoins.unordered();

	/**
	 * Start on a private loopback port instead of the shared one, until
	 * {@link #joinGroup()}. Must be set before the endpoint binds.
	 * @param staged whether the start is staged
	 */
	public void setStaged(boolean staged) {
		this.staged = staged;
	}

	/**
	 * Take the host's turn to join the shared port. Must be set before the endpoint binds.
	 * @param joins the joins of the host's workers
	 */
	public void setJoins(PortJoins joins) {
		this.joins = joins;
	}

	@Override
	protected void initServerSocket() throws Exception {
		if (getUseInheritedChannel() || getUnixDomainSocketPath() != null) {
			throw new IllegalStateException("A cluster worker listens on a TCP port of its own with SO_REUSEPORT; "
					+ "an inherited channel or a Unix domain socket cannot be shared that way");
		}
		if (this.staged) {
			this.listening = SelectorListener.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
					getSocketProperties(), getAcceptCount());
			return;
		}
		long joinedAt = this.joins.join(() -> this.listening = SelectorListener.open(sharedAddress(),
				getSocketProperties(), getAcceptCount()));
		this.joinedAtNanos = OptionalLong.of(joinedAt);
		this.joined = true;
	}

	private InetSocketAddress sharedAddress() {
		return new InetSocketAddress(getAddress(), getPortWithOffset());
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
		SelectorListener listener = this.listening;
		if (listener == null || listener.channel() == null) {
			throw new IllegalStateException("Tomcat's connector is not listening, so it cannot join the shared port");
		}
		InetSocketAddress address = sharedAddress();
		try {
			this.joinedAtNanos = OptionalLong.of(this.joins.join(() -> listener.join(address)));
		}
		catch (IOException ex) {
			throw new IOException("Cannot bind the shared port " + address + " with SO_REUSEPORT: " + ex.getMessage(),
					ex);
		}
		this.joined = true;
		listener.wakeUp();
	}

	/**
	 * Return whether the endpoint listens, or is about to listen, on the shared port.
	 * @return whether it has joined the port's group
	 */
	public boolean isJoined() {
		return this.joined;
	}

	/**
	 * Return when the endpoint's socket joined the port's group.
	 * @return the moment on {@link System#nanoTime()}, or empty before the endpoint joined
	 */
	public OptionalLong joinedAtNanos() {
		return this.joinedAtNanos;
	}

	/**
	 * Return the private loopback address of a staged endpoint that has not joined yet.
	 * @return the address, or {@code null}
	 */
	public @Nullable InetSocketAddress privateAddress() {
		SelectorListener listener = this.listening;
		ServerSocketChannel channel = (listener != null) ? listener.channel() : null;
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
		SelectorListener listener = this.listening;
		if (listener != null) {
			listener.wakeUp();
		}
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		SelectorListener listener = this.listening;
		if (listener == null) {
			throw new ClosedChannelException();
		}
		return listener.accept(this::isRunning, this::isPaused, () -> this.leaving);
	}

	@Override
	protected void unlockAccept() {
		SelectorListener listener = this.listening;
		if (listener != null) {
			listener.wakeUp();
		}
	}

	@Override
	protected @Nullable NetworkChannel getServerSocket() {
		SelectorListener listener = this.listening;
		return (listener != null) ? listener.channel() : null;
	}

	@Override
	protected void doCloseServerSocket() throws IOException {
		SelectorListener listener = this.listening;
		this.listening = null;
		if (listener != null) {
			listener.close();
		}
	}

}
