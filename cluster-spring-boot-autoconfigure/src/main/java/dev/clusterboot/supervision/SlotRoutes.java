package dev.clusterboot.supervision;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.WorkerChannel;
import dev.clusterboot.messages.MessageRoutes;

/**
 * The {@link MessageRoutes} of the master's slots: each slot's worker gets messages while
 * it is connected, ready and not draining; a slot whose worker is starting or waiting to
 * restart drops them as not ready, one that is stopping as draining. A worker being
 * replaced keeps getting messages until its replacement is ready, which then gets them
 * instead.
 *
 * @author cluster-spring-boot-starter
 */
final class SlotRoutes {

	private SlotRoutes() {
	}

	/**
	 * Take the routes from the master's slots; runs on the loop thread.
	 * @param slots every slot
	 * @return the routes
	 */
	static MessageRoutes of(Collection<WorkerSlot> slots) {
		Map<Integer, MessageRoutes.Route> routes = new TreeMap<>();
		for (WorkerSlot slot : slots) {
			routes.put(slot.id(), route(slot));
		}
		return new MessageRoutes(routes);
	}

	private static MessageRoutes.Route route(WorkerSlot slot) {
		if (slot.state() == WorkerState.STOPPING) {
			return MessageRoutes.Route.dropped(MessageDropReason.DRAINING);
		}
		for (WorkerRun run : new WorkerRun[] { slot.current(), slot.replacement() }) {
			WorkerChannel channel = (run != null) ? run.channel() : null;
			if (run != null && channel != null && run.isReady() && !run.isDraining()) {
				return MessageRoutes.Route.to(channel);
			}
		}
		WorkerRun current = slot.current();
		return MessageRoutes.Route.dropped((current != null && current.isDraining()) ? MessageDropReason.DRAINING
				: MessageDropReason.NOT_READY);
	}

}
