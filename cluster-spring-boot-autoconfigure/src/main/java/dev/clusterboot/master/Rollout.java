package dev.clusterboot.master;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.RolloutStatus;
import dev.clusterboot.channel.RolloutStatus.State;

/**
 * A rolling restart in progress: the slots still to replace, one at a time.
 *
 * @author cluster-spring-boot-starter
 */
final class Rollout {

	private final Deque<Integer> pending;

	private final int total;

	private final Instant startedAt;

	private State state = State.RUNNING;

	private int replaced;

	private @Nullable Integer current;

	private @Nullable Instant finishedAt;

	private @Nullable String failure;

	Rollout(Collection<Integer> slots, Instant startedAt) {
		this.pending = new ArrayDeque<>(slots);
		this.total = slots.size();
		this.startedAt = startedAt;
	}

	boolean isRunning() {
		return this.state == State.RUNNING;
	}

	@Nullable Integer current() {
		return this.current;
	}

	/**
	 * Take the next slot to replace.
	 * @return the slot id, or {@code null} when every slot has been taken
	 */
	@Nullable Integer next() {
		this.current = this.pending.poll();
		return this.current;
	}

	void replaced() {
		this.replaced++;
		this.current = null;
	}

	void completed(Instant now) {
		this.state = State.COMPLETED;
		this.finishedAt = now;
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
