package dev.clusterboot.portgroup.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import reactor.netty.ConnectionObserver;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.PortJoins;
import dev.clusterboot.portgroup.StagedStart;

/**
 * A worker's Reactor Netty server as a {@link PortGroupMember}, once
 * {@link NettyReusePortCustomizer} has attached it.
 * <p>
 * Joining: this member sets {@code SO_REUSEPORT} for the transport the server will use
 * ({@link ReusePortOption}). Once the server has bound, it checks the option on the
 * listening channel and fails the startup if it did not take.
 * <p>
 * Leaving: the listening channel is closed on its own event loop. That loop accepts
 * whatever the kernel has queued each time it wakes, before it runs queued tasks, so the
 * close follows the last accept without any pause. Requests and keep-alive: a per-request
 * hook ({@link HttpServer#mapHandle}) counts each request and, while leaving, marks its
 * response not keep-alive ({@code Connection: close}), so keep-alive clients reconnect to
 * the other workers. The hook replaces any other {@code mapHandle} set on the server.
 * <p>
 * Staged start: the server Boot starts binds a private loopback port, and
 * {@link #join()} binds the same server a second time on the shared port, with the
 * request handling Boot gave the first binding (its child observer, captured as the
 * first binding starts; Reactor Netty's own way of attaching a handler). The loopback
 * binding stays open until the server stops, because Boot's thread that keeps the JVM
 * alive waits for it; the shared binding is disposed when the context closes.
 *
 * @author cluster-spring-boot-starter
 */
public class NettyPortGroupMember
		implements PortGroupMember, ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(NettyPortGroupMember.class);

	private final AtomicLong requests = new AtomicLong();

	private final StagedStart stagedStart;

	private final BoundListener listener = new BoundListener();

	private volatile boolean attached;

	private volatile boolean leaving;

	private volatile boolean joined;

	private volatile @Nullable HttpServer configured;

	private volatile @Nullable Supplier<? extends SocketAddress> sharedAddress;

	private volatile @Nullable ConnectionObserver handling;

	private volatile @Nullable DisposableServer sharedBinding;

	private final SharedBindTurn turn;

	/**
	 * Create a member that joins the port as the server starts.
	 */
	public NettyPortGroupMember() {
		this(StagedStart.OFF);
	}

	/**
	 * Create a member.
	 * @param stagedStart whether the server starts on a private loopback port
	 */
	public NettyPortGroupMember(StagedStart stagedStart) {
		this(stagedStart, PortJoins.unordered());
	}

	/**
	 * Create a member that joins in the host's turn.
	 * @param stagedStart whether the server starts on a private loopback port
	 * @param joins the joins of the host's workers
	 */
	public NettyPortGroupMember(StagedStart stagedStart, PortJoins joins) {
		this.stagedStart = stagedStart;
		this.turn = new SharedBindTurn(joins);
		this.joined = !stagedStart.requested();
	}

	HttpServer attach(HttpServer server) {
		this.attached = true;
		HttpServer counted = ReusePortOption.enable(server).mapHandle((handle, connection) -> {
			this.requests.incrementAndGet();
			if (this.leaving && connection instanceof HttpServerResponse response) {
				response.keepAlive(false);
			}
			return handle;
		});
		if (!this.stagedStart.requested()) {
			return this.turn.taken(counted.doOnBind((config) -> this.listener.binding()).doOnBound(this.listener::bound));
		}
		ConnectionObserver own = counted.configuration().childObserver();
		if (own != null && own != ConnectionObserver.emptyListener()) {
			logger.warn("The Reactor Netty server has a child observer of its own; a standby's shared binding "
					+ "will notify it twice per connection event");
		}
		this.sharedAddress = counted.configuration().bindAddress();
		this.configured = counted;
		return counted.bindAddress(() -> new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
			.doOnBind((config) -> {
				if (this.handling == null) {
					this.handling = config.childObserver();
				}
				this.listener.binding();
			})
			.doOnBound(this.listener::bound);
	}

	@Override
	public synchronized void join() {
		if (this.joined) {
			return;
		}
		HttpServer server = this.configured;
		ConnectionObserver handler = this.handling;
		Supplier<? extends SocketAddress> address = this.sharedAddress;
		if (server == null || handler == null || address == null || this.listener.channel() == null) {
			throw new IllegalStateException("Reactor Netty's server has not started, so it cannot join the shared port");
		}
		DisposableServer binding;
		try {
			binding = this.turn.bindNow(server.bindAddress(address).childObserve(handler));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Reactor Netty could not join the shared port " + address.get() + ": "
					+ ex.getMessage(), ex);
		}
		if (!ReusePortOption.isSet(binding.channel())) {
			binding.disposeNow();
			throw new IllegalStateException("Reactor Netty's shared binding on " + binding.address()
					+ " listens without SO_REUSEPORT, so it cannot share the port with the other workers");
		}
		this.sharedBinding = binding;
		this.joined = true;
	}

	@Override
	public boolean joined() {
		return this.joined;
	}

	@Override
	public OptionalLong joinedAtNanos() {
		return this.turn.joinedAtNanos();
	}

	@Override
	public @Nullable InetSocketAddress privateAddress() {
		if (this.joined) {
			return null;
		}
		Channel channel = this.listener.channel();
		if (channel == null) {
			return null;
		}
		return (channel.localAddress() instanceof InetSocketAddress address) ? address : null;
	}

	/**
	 * Check, once the server has bound, that its listening channel really has
	 * {@code SO_REUSEPORT}.
	 * @param event the web server's start
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		Channel channel = this.listener.channel();
		if (this.attached && channel != null && !ReusePortOption.isSet(channel)) {
			throw new IllegalStateException("Reactor Netty's server (" + channel.getClass().getSimpleName() + " on "
					+ channel.localAddress() + ") listens without SO_REUSEPORT, which a cluster worker needs to "
					+ "share the port with the other workers; this transport did not take the option");
		}
	}

	@Override
	public void leave() {
		this.leaving = true;
		DisposableServer shared = this.sharedBinding;
		Channel channel = (shared != null) ? shared.channel() : this.listener.channel();
		if (channel != null) {
			channel.eventLoop().execute(channel::close);
		}
	}

	@Override
	public long requestCount() {
		return this.requests.get();
	}

	/**
	 * Dispose of the shared binding a staged server made when it joined; Boot disposes of
	 * the server it started itself.
	 */
	@Override
	public void destroy() {
		DisposableServer shared = this.sharedBinding;
		if (shared != null) {
			shared.disposeNow();
		}
	}

}
