package dev.clusterboot.worker.jetty;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.worker.PortGroupMember;

/**
 * A worker's Jetty connectors as a {@link PortGroupMember}, once
 * {@link JettyReusePortCustomizer} has attached them.
 * <p>
 * Joining: {@link ServerConnector#setReusePort(boolean)}. Jetty only logs at debug level
 * when the option cannot be set, and then the worker would clash with the others on the
 * port, so once the server has started this member checks the option on each listening
 * socket and fails the startup if it did not take.
 * <p>
 * Leaving: the connector stops its selector from accepting, and once the socket is off
 * the selector (a socket still registered with a selector is not really closed until the
 * selector lets go of it) this member accepts whatever the kernel has queued, hands each
 * connection to Jetty's selectors exactly as the connector would, and closes the socket
 * at once. Requests and keep-alive: an {@link HttpConfiguration.Customizer} sees every
 * request, counts it, and while leaving adds {@code Connection: close} to its response,
 * so that keep-alive clients reconnect to the other workers after their next response.
 *
 * @author cluster-spring-boot-starter
 */
public class JettyPortGroupMember implements PortGroupMember, ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(JettyPortGroupMember.class);

	private static final long DEREGISTER_TIMEOUT_MILLIS = 500;

	private final List<ServerConnector> connectors = new CopyOnWriteArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	private volatile boolean leaving;

	void attach(Server server) {
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof ServerConnector serverConnector) {
				serverConnector.setReusePort(true);
				for (HttpConfiguration.ConnectionFactory factory : serverConnector
					.getConnectionFactories()
					.stream()
					.filter(HttpConfiguration.ConnectionFactory.class::isInstance)
					.map(HttpConfiguration.ConnectionFactory.class::cast)
					.toList()) {
					HttpConfiguration configuration = factory.getHttpConfiguration();
					if (configuration.getCustomizer(RequestCustomizer.class) == null) {
						configuration.addCustomizer(new RequestCustomizer());
					}
				}
				this.connectors.add(serverConnector);
			}
		}
	}

	/**
	 * Check, once Jetty has bound, that every attached connector's socket really has
	 * {@code SO_REUSEPORT}.
	 * @param event the web server's start
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		for (ServerConnector connector : this.connectors) {
			if (connector.getTransport() instanceof ServerSocketChannel channel && !reusePort(channel)) {
				throw new IllegalStateException("Jetty's connector on port " + connector.getLocalPort()
						+ " listens without SO_REUSEPORT, which a cluster worker needs to share the port with the "
						+ "other workers; Jetty could not set the option on this platform");
			}
		}
	}

	private static boolean reusePort(ServerSocketChannel channel) {
		try {
			return channel.getOption(StandardSocketOptions.SO_REUSEPORT);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	@Override
	public void leave() {
		this.leaving = true;
		for (ServerConnector connector : this.connectors) {
			if (connector.getTransport() instanceof ServerSocketChannel channel) {
				connector.setAccepting(false);
				awaitDeregistered(channel);
				acceptQueuedThenClose(connector, channel);
			}
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

	@Override
	public long requestCount() {
		return this.requests.get();
	}

	/**
	 * Counts requests and, while the worker leaves, closes each connection after its
	 * response.
	 */
	private final class RequestCustomizer implements HttpConfiguration.Customizer {

		@Override
		public Request customize(Request request, HttpFields.Mutable responseHeaders) {
			JettyPortGroupMember.this.requests.incrementAndGet();
			if (JettyPortGroupMember.this.leaving) {
				responseHeaders.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
			}
			return request;
		}

	}

}
