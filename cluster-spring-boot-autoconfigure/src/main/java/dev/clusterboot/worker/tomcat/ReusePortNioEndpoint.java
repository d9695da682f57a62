package dev.clusterboot.worker.tomcat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's NIO endpoint with {@code SO_REUSEPORT} on its listening socket, so that every
 * worker of a cluster can listen on the same port and the kernel spreads connections
 * over them.
 * <p>
 * Why a subclass: Tomcat 11 has no setting for {@code SO_REUSEPORT}, and the option must
 * be set before {@code bind()}. {@link NioEndpoint} keeps its listening channel in a
 * private field, but only four protected methods touch it: {@link #initServerSocket()},
 * {@link #serverSocketAccept()}, {@link #getServerSocket()} and
 * {@link #doCloseServerSocket()}. Overriding all four to use a channel of our own needs
 * no reflection and leaves the rest of Tomcat (pollers, TLS, HTTP/2) untouched. A
 * JVM-wide {@code SelectorProvider} would also work, but would turn the option on for
 * every server socket in the JVM, management and JMX ports included.
 *
 * @author cluster-spring-boot-starter
 */
public class ReusePortNioEndpoint extends NioEndpoint {

	private volatile @Nullable ServerSocketChannel listener;

	@Override
	protected void initServerSocket() throws Exception {
		if (getUseInheritedChannel() || getUnixDomainSocketPath() != null) {
			throw new IllegalStateException("A cluster worker listens on a TCP port of its own with SO_REUSEPORT; "
					+ "an inherited channel or a Unix domain socket cannot be shared that way");
		}
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			getSocketProperties().setProperties(channel.socket());
			channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			channel.bind(new InetSocketAddress(getAddress(), getPortWithOffset()), getAcceptCount());
			channel.configureBlocking(true);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		this.listener = channel;
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		ServerSocketChannel channel = this.listener;
		if (channel == null) {
			throw new IOException("Listener is closed");
		}
		return channel.accept();
	}

	@Override
	protected @Nullable NetworkChannel getServerSocket() {
		return this.listener;
	}

	@Override
	protected void doCloseServerSocket() throws IOException {
		ServerSocketChannel channel = this.listener;
		this.listener = null;
		if (channel != null) {
			channel.close();
		}
	}

}
