package dev.clusterboot.portgroup;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * Checks that the cluster's port is free before any worker starts, then holds it for the
 * master's lifetime.
 * <p>
 * The check binds a socket without {@code SO_REUSEPORT}: that fails whenever any process
 * listens on the port, with or without {@code SO_REUSEPORT}, including another cluster.
 * {@code SO_REUSEADDR} is on so that connections left in {@code TIME_WAIT} do not look
 * like a listener. The hold is a bound but never listening socket with
 * {@code SO_REUSEPORT}: workers of the same user can still join the port, it never
 * receives a connection, and it keeps servers without {@code SO_REUSEPORT} and other
 * users off the port while workers restart.
 *
 * @author cluster-spring-boot-starter
 */
public final class PortGuard implements Closeable {

	private final SocketChannel hold;

	private PortGuard(SocketChannel hold) {
		this.hold = hold;
	}

	/**
	 * Check that the port is free and hold it.
	 * @param address the address workers bind, or {@code null} for every address
	 * @param port the port
	 * @return the guard, to close when the cluster has stopped
	 * @throws ClusterPortInUseException if something else holds the port
	 * @throws IOException if the socket cannot be created
	 */
	public static PortGuard acquire(@Nullable InetAddress address, int port) throws IOException {
		return acquire(address, port, "server.port");
	}

	/**
	 * Check that the port is free and hold it.
	 * @param address the address workers bind, or {@code null} for every address
	 * @param port the port
	 * @param property the property that sets the port, for the message when it is in use
	 * @return the guard, to close when the cluster has stopped
	 * @throws ClusterPortInUseException if something else holds the port
	 * @throws IOException if the socket cannot be created
	 */
	public static PortGuard acquire(@Nullable InetAddress address, int port, String property) throws IOException {
		InetSocketAddress socketAddress = new InetSocketAddress(address, port);
		try (SocketChannel probe = SocketChannel.open()) {
			probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			probe.bind(socketAddress);
		}
		catch (BindException ex) {
			throw new ClusterPortInUseException(port, property, ex);
		}
		SocketChannel hold = SocketChannel.open();
		try {
			if (!hold.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
				throw new IllegalStateException("Cluster mode needs SO_REUSEPORT so that every worker can listen on "
						+ "port " + port + ", and this platform does not offer it. Run on Linux, or remove "
						+ "'cluster.workers' to run a single process.");
			}
			hold.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			hold.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			hold.bind(socketAddress);
			return new PortGuard(hold);
		}
		catch (BindException ex) {
			hold.close();
			throw new ClusterPortInUseException(port, property, ex);
		}
		catch (IOException | RuntimeException ex) {
			hold.close();
			throw ex;
		}
	}

	/**
	 * Release the port.
	 */
	@Override
	public void close() throws IOException {
		this.hold.close();
	}

}
