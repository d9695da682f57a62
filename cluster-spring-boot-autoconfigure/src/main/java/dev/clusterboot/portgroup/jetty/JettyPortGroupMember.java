package dev.clusterboot.portgroup.jetty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.StagedStart;

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
 * <p>
 * Staged start: each connector listens on a private loopback port instead, and
 * {@link #join()} starts a twin connector on the shared port (same connection factories,
 * so the same HTTP configuration and request counting), then takes what is queued on the
 * private one and closes its socket, as leaving does.
 *
 * @author cluster-spring-boot-starter
 */
public class JettyPortGroupMember implements PortGroupMember, ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(JettyPortGroupMember.class);

	private static final long DEREGISTER_TIMEOUT_MILLIS = 500;

	private final List<ServerConnector> connectors = new CopyOnWriteArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	private final List<ServerConnector> privateConnectors = new CopyOnWriteArrayList<>();

	private final List<SharedEndpoint> sharedEndpoints = new CopyOnWriteArrayList<>();

	private final StagedStart stagedStart;

	private volatile boolean leaving;

	private volatile boolean joined;

	/**
	 * Create a member that joins the port as Jetty starts.
	 */
	public JettyPortGroupMember() {
		this(StagedStart.OFF);
	}

	/**
	 * Create a member.
	 * @param stagedStart whether Jetty starts on a private loopback port
	 */
	public JettyPortGroupMember(StagedStart stagedStart) {
		this.stagedStart = stagedStart;
		this.joined = !stagedStart.requested();
	}

	void attach(Server server) {
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof ServerConnector serverConnector) {
				serverConnector.setReusePort(true);
				if (this.stagedStart.requested()) {
					this.sharedEndpoints.add(new SharedEndpoint(serverConnector.getHost(), serverConnector.getPort()));
					serverConnector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
					serverConnector.setPort(0);
					this.privateConnectors.add(serverConnector);
				}
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
	public synchronized void join() {
		if (this.joined) {
			return;
		}
		if (this.privateConnectors.isEmpty() || !this.privateConnectors.get(0).isStarted()) {
			throw new IllegalStateException("Jetty has not started, so it cannot join the shared port");
		}
		List<ServerConnector> started = new ArrayList<>();
		for (int i = 0; i < this.privateConnectors.size(); i++) {
			ServerConnector staged = this.privateConnectors.get(i);
			SharedEndpoint endpoint = this.sharedEndpoints.get(i);
			ServerConnector shared = new ServerConnector(staged.getServer(), staged.getExecutor(),
					staged.getScheduler(), staged.getByteBufferPool(), 0,
					staged.getSelectorManager().getSelectorCount(),
					staged.getConnectionFactories().toArray(new ConnectionFactory[0]));
			shared.setReuseAddress(staged.getReuseAddress());
			shared.setReusePort(true);
			shared.setAcceptQueueSize(staged.getAcceptQueueSize());
			shared.setAcceptedTcpNoDelay(staged.getAcceptedTcpNoDelay());
			shared.setIdleTimeout(staged.getIdleTimeout());
			shared.setHost(endpoint.host());
			shared.setPort(endpoint.port());
			try {
				staged.getServer().addConnector(shared);
				if (!shared.isStarted()) {
					shared.start();
				}
				if (!(shared.getTransport() instanceof ServerSocketChannel channel) || !reusePort(channel)) {
					throw new IllegalStateException("Jetty's connector on port " + endpoint.port()
							+ " listens without SO_REUSEPORT, so it cannot share the port with the other workers");
				}
			}
			catch (Exception ex) {
				stopQuietly(shared);
				started.forEach(JettyPortGroupMember::stopQuietly);
				throw new IllegalStateException("Jetty could not join the shared port "
						+ ((endpoint.host() != null) ? endpoint.host() : "*") + ":" + endpoint.port() + ": "
						+ ex.getMessage(), ex);
			}
			started.add(shared);
		}
		this.connectors.removeAll(this.privateConnectors);
		this.connectors.addAll(started);
		this.joined = true;
		for (ServerConnector staged : this.privateConnectors) {
			if (staged.getTransport() instanceof ServerSocketChannel channel) {
				staged.setAccepting(false);
				awaitDeregistered(channel);
				acceptQueuedThenClose(staged, channel);
			}
		}
	}

	private static void stopQuietly(ServerConnector connector) {
		try {
			connector.getServer().removeConnector(connector);
			connector.stop();
		}
		catch (Exception ex) {
			logger.trace("Stopping a connector that could not join failed", ex);
		}
	}

	@Override
	public boolean joined() {
		return this.joined;
	}

	@Override
	public @Nullable InetSocketAddress privateAddress() {
		if (this.joined || this.privateConnectors.isEmpty()) {
			return null;
		}
		ServerConnector staged = this.privateConnectors.get(0);
		int port = staged.getLocalPort();
		return (port > 0) ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port) : null;
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
	 * Where a staged connector listens once it joins: the host and port it was configured
	 * with.
	 */
	private record SharedEndpoint(@Nullable String host, int port) {
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
