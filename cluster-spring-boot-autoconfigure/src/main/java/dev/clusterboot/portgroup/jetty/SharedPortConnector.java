package dev.clusterboot.portgroup.jetty;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * The twin of a staged Jetty connector on the shared port: the same server, threads and
 * connection factories (so the same HTTP configuration and request counting), with
 * {@code SO_REUSEPORT} checked once it listens.
 *
 * @author cluster-spring-boot-starter
 */
final class SharedPortConnector {

	private static final Log logger = LogFactory.getLog(SharedPortConnector.class);

	private SharedPortConnector() {
	}

	/**
	 * Start the twin of a staged connector on the shared port.
	 * @param staged the connector that listens on a private loopback port
	 * @param host the shared host, or {@code null} for every address
	 * @param port the shared port
	 * @return the started twin
	 * @throws IllegalStateException if it cannot listen on the shared port with
	 * {@code SO_REUSEPORT}; the twin is stopped then
	 */
	static ServerConnector start(ServerConnector staged, @Nullable String host, int port) {
		ServerConnector shared = new ServerConnector(staged.getServer(), staged.getExecutor(), staged.getScheduler(),
				staged.getByteBufferPool(), 0, staged.getSelectorManager().getSelectorCount(),
				staged.getConnectionFactories().toArray(new ConnectionFactory[0]));
		shared.setReuseAddress(staged.getReuseAddress());
		shared.setReusePort(true);
		shared.setAcceptQueueSize(staged.getAcceptQueueSize());
		shared.setAcceptedTcpNoDelay(staged.getAcceptedTcpNoDelay());
		shared.setIdleTimeout(staged.getIdleTimeout());
		shared.setHost(host);
		shared.setPort(port);
		try {
			staged.getServer().addConnector(shared);
			if (!shared.isStarted()) {
				shared.start();
			}
			if (!(shared.getTransport() instanceof ServerSocketChannel channel) || !reusePort(channel)) {
				throw new IllegalStateException("Jetty's connector on port " + port
						+ " listens without SO_REUSEPORT, so it cannot share the port with the other workers");
			}
			return shared;
		}
		catch (Exception ex) {
			stopQuietly(shared);
			throw new IllegalStateException("Jetty could not join the shared port " + ((host != null) ? host : "*")
					+ ":" + port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return whether a listening socket has {@code SO_REUSEPORT}.
	 * @param channel the socket
	 * @return {@code false} also when the option cannot be read
	 */
	static boolean reusePort(ServerSocketChannel channel) {
		try {
			return channel.getOption(StandardSocketOptions.SO_REUSEPORT);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * Remove a connector from its server and stop it, logging a failure at trace level.
	 * @param connector the connector
	 */
	static void stopQuietly(ServerConnector connector) {
		try {
			connector.getServer().removeConnector(connector);
			connector.stop();
		}
		catch (Exception ex) {
			logger.trace("Stopping a connector that could not join failed", ex);
		}
	}

}
