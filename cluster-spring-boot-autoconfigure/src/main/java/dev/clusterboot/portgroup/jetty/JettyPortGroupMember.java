package dev.clusterboot.portgroup.jetty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.PortJoins;
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
 * Leaving: {@link ConnectorDeparture} takes each connector off the port, handing what the
 * kernel has queued to Jetty's selectors before it closes the socket. Requests and
 * keep-alive: an {@link HttpConfiguration.Customizer} sees every request, counts it, and
 * while leaving adds {@code Connection: close} to its response, so that keep-alive
 * clients reconnect to the other workers after their next response.
 * <p>
 * Staged start: each connector listens on a private loopback port instead, and
 * {@link #join()} starts a {@link SharedPortConnector twin connector} on the shared port,
 * then takes the private one off its port, as leaving does.
 *
 * @author cluster-spring-boot-starter
 */
public class JettyPortGroupMember implements PortGroupMember, ApplicationListener<WebServerInitializedEvent> {

	private final List<ServerConnector> connectors = new CopyOnWriteArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	private final List<ServerConnector> privateConnectors = new CopyOnWriteArrayList<>();

	private final List<SharedEndpoint> sharedEndpoints = new CopyOnWriteArrayList<>();

	private final StagedStart stagedStart;

	private final PortJoins joins;

	private volatile OptionalLong joinedAtNanos = OptionalLong.empty();

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
		this(stagedStart, PortJoins.unordered());
	}

	/**
	 * Create a member that joins in the host's turn.
	 * @param stagedStart whether Jetty starts on a private loopback port
	 * @param joins the joins of the host's workers
	 */
	public JettyPortGroupMember(StagedStart stagedStart, PortJoins joins) {
		this.stagedStart = stagedStart;
		this.joins = joins;
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
				else {
					serverConnector.addEventListener(new ConnectorJoinTurn(this.joins, (at) -> this.joinedAtNanos = OptionalLong.of(at)));
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
			if (connector.getTransport() instanceof ServerSocketChannel channel && !SharedPortConnector.reusePort(channel)) {
				throw new IllegalStateException("Jetty's connector on port " + connector.getLocalPort()
						+ " listens without SO_REUSEPORT, which a cluster worker needs to share the port with the "
						+ "other workers; Jetty could not set the option on this platform");
			}
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
			SharedEndpoint endpoint = this.sharedEndpoints.get(i);
			ServerConnector staged = this.privateConnectors.get(i);
			try {
				this.joinedAtNanos = OptionalLong.of(this.joins
					.join(() -> started.add(SharedPortConnector.start(staged, endpoint.host(), endpoint.port()))));
			}
			catch (IllegalStateException ex) {
				started.forEach(SharedPortConnector::stopQuietly);
				throw ex;
			}
		}
		this.connectors.removeAll(this.privateConnectors);
		this.connectors.addAll(started);
		this.joined = true;
		this.privateConnectors.forEach(ConnectorDeparture::leave);
	}

	@Override
	public boolean joined() {
		return this.joined;
	}

	@Override
	public OptionalLong joinedAtNanos() {
		return this.joinedAtNanos;
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
		this.connectors.forEach(ConnectorDeparture::leave);
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
