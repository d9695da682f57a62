package dev.clusterboot.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.channel.WorkerChannel;

/**
 * Where a message between workers goes, as the master's loop last saw its slots: an
 * immutable snapshot that the control channel's threads read without waiting for the
 * loop. Each slot id has the worker that serves it, when that worker is connected, ready
 * and not draining, or the reason a message for it is dropped.
 * <p>
 * The rules: a message for everyone goes to every slot but the sender's; a message for
 * one id goes to that slot only; a slot whose worker is starting or waiting to restart
 * drops it as {@link MessageDropReason#NOT_READY not ready}, one that is stopping as
 * {@link MessageDropReason#DRAINING draining}, an id with no slot as
 * {@link MessageDropReason#NO_SUCH_WORKER no such worker}. A worker being replaced keeps
 * getting messages until its replacement is ready, which then gets them instead.
 *
 * @author cluster-spring-boot-starter
 */
public final class MessageRoutes {

	/**
	 * No slot at all, before the master has started any.
	 */
	public static final MessageRoutes NONE = new MessageRoutes(Map.of());

	private final Map<Integer, Route> routes;

	/**
	 * Create the routes for every slot id.
	 * @param routes each slot id's route
	 */
	public MessageRoutes(Map<Integer, Route> routes) {
		this.routes = Map.copyOf(routes);
	}

	/**
	 * Decide where a message goes.
	 * @param from the sender's id
	 * @param to the receiver's id, or {@code null} for every worker but the sender
	 * @return one route per addressee, in order of id
	 */
	public List<Route> decide(int from, @Nullable Integer to) {
		if (to != null) {
			Route route = this.routes.get(to);
			return List.of((route != null) ? route : Route.dropped(MessageDropReason.NO_SUCH_WORKER));
		}
		List<Route> all = new ArrayList<>();
		new TreeMap<>(this.routes).forEach((id, route) -> {
			if (id != from) {
				all.add(route);
			}
		});
		return all;
	}

	/**
	 * Where a message for one slot goes: to its worker's channel, or nowhere, and why.
	 *
	 * @param channel the receiver's channel, or {@code null} when the message is dropped
	 * @param dropped why it is dropped, or {@code null} when it has a receiver
	 */
	public record Route(@Nullable WorkerChannel channel, @Nullable MessageDropReason dropped) {

		/**
		 * A route to a receiver.
		 * @param channel the receiver's channel
		 * @return the route
		 */
		public static Route to(WorkerChannel channel) {
			return new Route(channel, null);
		}

		/**
		 * No route, for a reason.
		 * @param reason why the message is dropped
		 * @return the route
		 */
		public static Route dropped(MessageDropReason reason) {
			return new Route(null, reason);
		}

	}

}
