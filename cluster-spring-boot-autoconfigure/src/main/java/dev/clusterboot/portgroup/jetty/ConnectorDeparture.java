package dev.clusterboot.portgroup.jetty;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Takes a Jetty connector off its port without losing what the kernel has queued: the
 * connector stops its selector from accepting, and once the socket is off the selector
 * (a socket still registered with a selector is not really closed until the selector lets
 * go of it) every queued connection goes to Jetty's selectors exactly as the connector
 * would hand it, and the socket closes at once.
 *
 * @author cluster-spring-boot-starter
 */
final class ConnectorDeparture {

	private static final Log logger = LogFactory.getLog(ConnectorDeparture.class);

	private static final long DEREGISTER_TIMEOUT_MILLIS = 500;

	private ConnectorDeparture() {
	}

	/**
	 * Take a connector off its port, if it listens on a socket channel.
	 * @param connector the connector
	 */
	static void leave(ServerConnector connector) {
		if (connector.getTransport() instanceof ServerSocketChannel channel) {
			connector.setAccepting(false);
			awaitDeregistered(channel);
			acceptQueuedThenClose(connector, channel);
		}
	}

	private static void awaitDeregistered(ServerSocketChannel channel) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEREGISTER_TIMEOUT_MILLIS);
		while (channel.isRegistered() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void acceptQueuedThenClose(ServerConnector connector, ServerSocketChannel channel) {
		try {
			if (channel.isBlocking()) {
				channel.configureBlocking(false);
			}
			SocketChannel accepted;
			while ((accepted = channel.accept()) != null) {
				accepted.configureBlocking(false);
				accepted.setOption(StandardSocketOptions.TCP_NODELAY, connector.getAcceptedTcpNoDelay());
				connector.getSelectorManager().accept(accepted);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not accept every queued connection before leaving the port", ex);
		}
		finally {
			try {
				channel.close();
			}
			catch (IOException ex) {
				logger.trace("Closing the listening socket failed", ex);
			}
		}
	}

}
