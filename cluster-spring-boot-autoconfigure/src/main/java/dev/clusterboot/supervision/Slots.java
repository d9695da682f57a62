package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.WorkerChannel;
import dev.clusterboot.messages.MessageRoutes;

/**
 * The master's worker slots by id, the runs that have left their slot and are draining,
 * and the standbys that wait for a slot: every process the master still waits for.
 *
 * @author cluster-spring-boot-starter
 */
final class Slots {

	private final Map<Integer, WorkerSlot> slots = new TreeMap<>();

	private final List<WorkerRun> retiring = new ArrayList<>();

	private final List<WorkerRun> standbys = new ArrayList<>();

	void add(WorkerSlot slot) {
		this.slots.put(slot.id(), slot);
	}

	@Nullable WorkerSlot get(int id) {
		return this.slots.get(id);
	}

	WorkerSlot remove(int id) {
		return this.slots.remove(id);
	}

	Collection<WorkerSlot> all() {
		return this.slots.values();
	}

	Set<Integer> ids() {
		return this.slots.keySet();
	}

	int size() {
		return this.slots.size();
	}

	List<WorkerRun> retiring() {
		return this.retiring;
	}

	/**
	 * Return the standby runs that serve no slot and are not retiring, oldest first.
	 * @return the live standbys
	 */
	List<WorkerRun> standbys() {
		return this.standbys;
	}

	/**
	 * Find the run of a process, serving, replacing or retiring.
	 * @param pid the process id
	 * @return the run, or {@code null} when the master does not know that process
	 */
	@Nullable WorkerRun runOf(long pid) {
		return Stream.concat(this.slots.values().stream().flatMap((slot) -> Stream.of(slot.current(), slot.replacement())),
				Stream.concat(this.retiring.stream(), this.standbys.stream()))
			.filter((run) -> run != null && run.pid() == pid)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Find the slot a run serves or is starting to replace.
	 * @param run the run
	 * @return the slot, or {@code null} for a retiring run
	 */
	@Nullable WorkerSlot slotOf(WorkerRun run) {
		return this.slots.values()
			.stream()
			.filter((slot) -> slot.current() == run || slot.replacement() == run)
			.findFirst()
			.orElse(null);
	}

	boolean replacementInProgress() {
		return this.slots.values().stream().anyMatch((slot) -> slot.replacement() != null);
	}

	boolean nothingRunning() {
		return this.retiring.isEmpty() && this.standbys.isEmpty() && this.slots.values().stream().noneMatch(WorkerSlot::isRunning);
	}

	boolean allFailed() {
		return this.slots.values().stream().allMatch((slot) -> slot.state() == WorkerState.FAILED);
	}

	/**
	 * Return how long until the next restart after a backoff is due.
	 * @param now the current time
	 * @param max the longest wait
	 * @return the wait, never negative
	 */
	Duration untilNextRestart(Instant now, Duration max) {
		Duration wait = max;
		for (WorkerSlot slot : this.slots.values()) {
			Instant due = slot.nextRestartAt();
			if (due != null && Duration.between(now, due).compareTo(wait) < 0) {
				wait = Duration.between(now, due);
			}
		}
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	/**
	 * Take the routes of messages between workers from the slots; runs on the loop
	 * thread. Each slot's worker gets messages while it is connected, ready and not
	 * draining; a slot whose worker is starting or waiting to restart drops them as not
	 * ready, one that is stopping as draining. A worker being replaced keeps getting
	 * messages until its replacement is ready, which then gets them instead.
	 * @return the routes
	 */
	MessageRoutes messageRoutes() {
		Map<Integer, MessageRoutes.Route> routes = new TreeMap<>();
		for (WorkerSlot slot : all()) {
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
