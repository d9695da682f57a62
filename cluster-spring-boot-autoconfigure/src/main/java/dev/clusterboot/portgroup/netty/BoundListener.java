package dev.clusterboot.portgroup.netty;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;

/**
 * The listening channel of the server Boot starts, as Reactor Netty tells it. Reactor
 * Netty tells it from its event loop, which may run just after the thread that bound the
 * server goes on, so a caller waits for it once the bind has started.
 *
 * @author cluster-spring-boot-starter
 */
final class BoundListener {

	/**
	 * How long a caller waits for the channel once the bind has started.
	 */
	private static final long BOUND_WITHIN_SECONDS = 10;

	private final CountDownLatch bound = new CountDownLatch(1);

	private volatile boolean binding;

	private volatile @Nullable Channel channel;

	/**
	 * The server starts binding ({@code doOnBind}).
	 */
	void binding() {
		this.binding = true;
	}

	/**
	 * The server has bound ({@code doOnBound}); the first binding's channel is kept.
	 * @param server the bound server
	 */
	void bound(DisposableServer server) {
		if (this.channel == null) {
			this.channel = server.channel();
		}
		this.bound.countDown();
	}

	/**
	 * Return the listening channel, waiting for Reactor Netty to tell it once the bind
	 * has started.
	 * @return the channel, or {@code null} when the server has not bound
	 */
	@Nullable Channel channel() {
		Channel current = this.channel;
		if (current != null || !this.binding) {
			return current;
		}
		try {
			this.bound.await(BOUND_WITHIN_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.channel;
	}

}
