package dev.clusterboot.messages;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.Outbox;
import dev.clusterboot.channel.WorkerChannel;

/**
 * Passes messages between workers, on the thread of the connection they arrive on: it
 * looks up the {@link MessageRoutes} the loop published last, queues the message in each
 * receiver's {@link Outbox} without waiting, and counts every message it drops, by
 * reason. It never blocks, so a slow receiver holds up neither the sender's connection
 * nor the master's loop.
 *
 * @author cluster-spring-boot-starter
 */
public final class MessageRouter {

	private final Map<MessageDropReason, LongAdder> drops = new EnumMap<>(MessageDropReason.class);

	private volatile MessageRoutes routes = MessageRoutes.NONE;

	public MessageRouter() {
		for (MessageDropReason reason : MessageDropReason.values()) {
			if (reason.countedByMaster()) {
				this.drops.put(reason, new LongAdder());
			}
		}
	}

	/**
	 * Use new routes; called by the loop each time it publishes.
	 * @param routes the routes
	 */
	public void update(MessageRoutes routes) {
		this.routes = routes;
	}

	/**
	 * Pass a message on.
	 * @param from the id of the worker whose connection it came on
	 * @param send the message
	 */
	public void route(int from, ControlMessage.Send send) {
		byte @Nullable [] line = null;
		for (MessageRoutes.Route route : this.routes.decide(from, send.to())) {
			WorkerChannel channel = route.channel();
			if (channel == null) {
				this.drops.get(route.dropped()).increment();
				continue;
			}
			if (line == null) {
				line = ControlConnection
					.encode(new ControlMessage.Deliver(from, send.payloadType(), send.payload()));
			}
			if (!channel.offer(line)) {
				this.drops.get(MessageDropReason.QUEUE_FULL).increment();
			}
		}
	}

	/**
	 * Return how many messages were dropped since the master started, by reason.
	 * @return the counts, every reason the master counts included
	 */
	public Map<MessageDropReason, Long> drops() {
		Map<MessageDropReason, Long> counts = new EnumMap<>(MessageDropReason.class);
		this.drops.forEach((reason, count) -> counts.put(reason, count.sum()));
		return counts;
	}

}
