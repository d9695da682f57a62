package dev.clusterboot.portgroup.netty;

import java.net.StandardSocketOptions;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.unix.UnixChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * {@code SO_REUSEPORT} for a Reactor Netty server. Netty sets socket options per
 * transport, and each transport ignores the other's option (with only the epoll option on
 * the NIO transport, the second worker fails with "address in use"). So the option is set
 * for the transport the server will use: the native one ({@link UnixChannelOption},
 * shared by epoll, io_uring and kqueue) when Reactor Netty prefers native transports and
 * has one, NIO's otherwise.
 *
 * @author cluster-spring-boot-starter
 */
final class ReusePortOption {

	private ReusePortOption() {
	}

	/**
	 * Set {@code SO_REUSEPORT} on a server's listening channel, for its transport.
	 * @param server the server
	 * @return the server with the option
	 */
	static HttpServer enable(HttpServer server) {
		boolean nativeTransport = server.configuration().isPreferNative() && LoopResources.hasNativeSupport();
		return nativeTransport ? server.option(UnixChannelOption.SO_REUSEPORT, true)
				: server.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
	}

	/**
	 * Return whether a bound channel really has {@code SO_REUSEPORT}, whatever its
	 * transport.
	 * @param channel the listening channel
	 * @return {@code false} also when the option cannot be read
	 */
	static boolean isSet(Channel channel) {
		return Boolean.TRUE.equals(option(channel, NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT)))
				|| (LoopResources.hasNativeSupport() && Boolean.TRUE.equals(option(channel, UnixChannelOption.SO_REUSEPORT)));
	}

	private static @Nullable Boolean option(Channel channel, ChannelOption<Boolean> option) {
		try {
			return channel.config().getOption(option);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
