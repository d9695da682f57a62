package dev.clusterboot.master;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.MessageDropReason;
import dev.clusterboot.api.WorkerState;

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
final class MessageRoutes {

	/**
	 * No slot at all, before the master has started any.
	 */
	static final MessageRoutes NONE = new MessageRoutes(Map.of());

	private final Map<Integer, Route> routes;

	MessageRoutes(Map<Integer, Route> routes) {
		this.routes = Map.copyOf(routes);
	}

	/**
	 * Take the routes from the master's slots; runs on the loop thread.
	 * @param slots every slot
	 * @return the routes
	 */
	static MessageRoutes of(Collection<WorkerSlot> slots) {
		Map<Integer, Route> routes = new TreeMap<>();
		for (WorkerSlot slot : slots) {
			routes.put(slot.id(), route(slot));
		}
		return new MessageRoutes(routes);
	}

	private static Route route(WorkerSlot slot) {
		if (slot.state() == WorkerState.STOPPING) {
			return Route.dropped(MessageDropReason.DRAINING);
		}
		for (WorkerRun run : new WorkerRun[] { slot.current(), slot.replacement() }) {
			WorkerChannel channel = (run != null) ? run.channel() : null;
			if (run != null && channel != null && run.isReady() && !run.isDraining()) {
				return Route.to(channel);
			}
		}
		WorkerRun current = slot.current();
		return Route.dropped((current != null && current.isDraining()) ? MessageDropReason.DRAINING
				: MessageDropReason.NOT_READY);
	}

	/**
	 * Decide where a message goes.
	 * @param from the sender's id
	 * @param to the receiver's id, or {@code null} for every worker but the sender
	 * @return one route per addressee, in order of id
	 */
	List<Route> decide(int from, @Nullable Integer to) {
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
	record Route(@Nullable WorkerChannel channel, @Nullable MessageDropReason dropped) {

		static Route to(WorkerChannel channel) {
			return new Route(channel, null);
		}

		static Route dropped(MessageDropReason reason) {
			return new Route(null, reason);
		}

	}

}
