package dev.clusterboot.supervision;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RolloutStatus.State;
import dev.clusterboot.api.status.RolloutStatus;

/**
 * A rolling restart in progress: the slots still to replace, in order, one at a time. It
 * completes only when every slot it set out to replace runs a process started after it
 * began; a slot it could not replace makes it fail, naming the slot.
 *
 * @author cluster-spring-boot-starter
 */
final class Rollout {

	private final Deque<Integer> pending;

	private final List<Integer> notReplaced = new ArrayList<>();

	private final Instant startedAt;

	private final long firstLaunch;

	private int total;

	private State state = State.RUNNING;

	private int replaced;

	private @Nullable Integer current;

	private @Nullable Instant finishedAt;

	private @Nullable String failure;

	Rollout(Collection<Integer> slots, Instant startedAt, long firstLaunch) {
		this.pending = new ArrayDeque<>(slots);
		this.total = slots.size();
		this.startedAt = startedAt;
		this.firstLaunch = firstLaunch;
	}

	boolean isRunning() {
		return this.state == State.RUNNING;
	}

	/**
	 * Return the number of the first launch after the rollout began: a run launched with
	 * this number or later runs what the rollout was asked to run.
	 * @return the launch number
	 */
	long firstLaunch() {
		return this.firstLaunch;
	}

	/**
	 * Return the slot being replaced now.
	 * @return its id, or {@code null} between replacements
	 */
	@Nullable Integer current() {
		return this.current;
	}

	/**
	 * Return the next slot to handle, without taking it.
	 * @return the slot id, or {@code null} when every slot has been handled
	 */
	@Nullable Integer next() {
		return this.pending.peek();
	}

	/**
	 * Take the next slot: its replacement has started.
	 */
	void replacing() {
		this.current = this.pending.poll();
	}

	/**
	 * Count the slot being replaced, or the next one when it already runs a process
	 * started after the rollout began, as replaced.
	 */
	void replaced() {
		if (this.current == null) {
			this.pending.poll();
		}
		this.replaced++;
		this.current = null;
	}

	/**
	 * Drop the next slot, which scaling removed.
	 */
	void dropped() {
		this.pending.poll();
		this.total--;
	}

	/**
	 * Pass over the next slot, which cannot be replaced.
	 */
	void notReplaced() {
		Integer slot = this.pending.poll();
		if (slot != null) {
			this.notReplaced.add(slot);
		}
	}

	/**
	 * End the rollout once every slot has been handled.
	 * @param now the current time
	 * @return the final state
	 */
	State finish(Instant now) {
		if (this.notReplaced.isEmpty()) {
			this.state = State.COMPLETED;
			this.finishedAt = now;
		}
		else {
			failed("worker" + ((this.notReplaced.size() > 1) ? "s " : " ") + this.notReplaced
				.toString()
				.replaceAll("[\\[\\]]", "") + " had failed and could not be replaced", now);
		}
		return this.state;
	}

	void stopped(Instant now) {
		this.state = State.STOPPED;
		this.finishedAt = now;
		this.current = null;
	}

	void failed(String failure, Instant now) {
		this.state = State.FAILED;
		this.failure = failure;
		this.finishedAt = now;
		this.current = null;
	}

	RolloutStatus status() {
		return new RolloutStatus(this.state, this.startedAt, this.finishedAt, this.total, this.replaced, this.current,
				this.failure);
	}

}
