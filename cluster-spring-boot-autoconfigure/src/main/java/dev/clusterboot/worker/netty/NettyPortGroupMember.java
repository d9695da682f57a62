package dev.clusterboot.worker.netty;

import java.net.StandardSocketOptions;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.unix.UnixChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.worker.PortGroupMember;

/**
 * A worker's Reactor Netty server as a {@link PortGroupMember}, once
 * {@link NettyReusePortCustomizer} has attached it.
 * <p>
 * Joining: Netty sets socket options per transport, and each transport ignores the other's
 * option (with only the epoll option on the NIO transport, the second worker fails with
 * "address in use"). So this member sets {@code SO_REUSEPORT} for the transport the
 * server will use: the native one ({@link UnixChannelOption}, shared by epoll, io_uring
 * and kqueue) when Reactor Netty prefers native transports and has one, NIO's otherwise.
 * Once the server has bound, it checks the option on the listening channel and fails the
 * startup if it did not take.
 * <p>
 * Leaving: the listening channel is closed on its own event loop. That loop accepts
 * whatever the kernel has queued each time it wakes, before it runs queued tasks, so the
 * close follows the last accept without any pause. Requests and keep-alive: a per-request
 * hook ({@link HttpServer#mapHandle}) counts each request and, while leaving, marks its
 * response not keep-alive ({@code Connection: close}), so keep-alive clients reconnect to
 * the other workers. The hook replaces any other {@code mapHandle} set on the server.
 *
 * @author cluster-spring-boot-starter
 */
public class NettyPortGroupMember implements PortGroupMember, ApplicationListener<WebServerInitializedEvent> {

	private final AtomicLong requests = new AtomicLong();

	private volatile @Nullable Channel listener;

	private volatile boolean attached;

	private volatile boolean leaving;

	HttpServer attach(HttpServer server) {
		this.attached = true;
		boolean nativeTransport = server.configuration().isPreferNative() && LoopResources.hasNativeSupport();
		HttpServer joined = nativeTransport ? server.option(UnixChannelOption.SO_REUSEPORT, true)
				: server.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
		return joined.doOnBound((bound) -> this.listener = bound.channel()).mapHandle((handle, connection) -> {
			this.requests.incrementAndGet();
			if (this.leaving && connection instanceof HttpServerResponse response) {
				response.keepAlive(false);
			}
			return handle;
		});
	}

	/**
	 * Check, once the server has bound, that its listening channel really has
	 * {@code SO_REUSEPORT}.
	 * @param event the web server's start
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		Channel channel = this.listener;
		if (this.attached && channel != null && !reusePort(channel)) {
			throw new IllegalStateException("Reactor Netty's server (" + channel.getClass().getSimpleName() + " on "
					+ channel.localAddress() + ") listens without SO_REUSEPORT, which a cluster worker needs to "
					+ "share the port with the other workers; this transport did not take the option");
		}
	}

	private static boolean reusePort(Channel channel) {
		return Boolean.TRUE.equals(option(channel, NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT)))
				|| (LoopResources.hasNativeSupport()
						&& Boolean.TRUE.equals(option(channel, UnixChannelOption.SO_REUSEPORT)));
	}

	private static @Nullable Boolean option(Channel channel, ChannelOption<Boolean> option) {
		try {
			return channel.config().getOption(option);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void leave() {
		this.leaving = true;
		Channel channel = this.listener;
		if (channel != null) {
			channel.eventLoop().execute(channel::close);
		}
	}

	@Override
	public long requestCount() {
		return this.requests.get();
	}

}
