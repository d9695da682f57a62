package dev.clusterboot.supervision;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.api.status.WorkerStatus;

/**
 * One worker slot inside the master. Slots keep their id across restarts, so
 * {@code [worker 2]} is always the second slot, whichever process serves it. A slot has
 * the {@link WorkerRun run} that serves it and, while it is being replaced, the run that
 * will take over. Only the master's loop thread touches a slot; others see its
 * {@link #status()}.
 *
 * @author cluster-spring-boot-starter
 */
public final class WorkerSlot {

	private final int id;

	private @Nullable WorkerRun current;

	private @Nullable WorkerRun replacement;

	private RestartReason replacementReason = RestartReason.ROLLING;

	private WorkerState state = WorkerState.STOPPED;

	private int restarts;

	private int failedStarts;

	private @Nullable Instant nextRestartAt;

	private RestartReason nextRestartReason = RestartReason.CRASH;

	private @Nullable WorkerExit lastExit;

	private @Nullable RestartReason lastRestartReason;

	WorkerSlot(int id) {
		this.id = id;
	}

	public int id() {
		return this.id;
	}

	public @Nullable WorkerRun current() {
		return this.current;
	}

	public @Nullable WorkerRun replacement() {
		return this.replacement;
	}

	RestartReason replacementReason() {
		return this.replacementReason;
	}

	public WorkerState state() {
		return this.state;
	}

	int failedStarts() {
		return this.failedStarts;
	}

	@Nullable Instant nextRestartAt() {
		return this.nextRestartAt;
	}

	RestartReason nextRestartReason() {
		return this.nextRestartReason;
	}

	boolean isRunning() {
		return this.current != null || this.replacement != null;
	}

	void started(WorkerRun run) {
		this.current = run;
		this.state = WorkerState.STARTING;
		this.nextRestartAt = null;
	}

	void up() {
		this.state = WorkerState.UP;
	}

	void replacing(WorkerRun run, RestartReason reason) {
		this.replacement = run;
		this.replacementReason = reason;
	}

	/**
	 * Make the ready replacement the slot's worker.
	 * @return the run it replaced
	 */
	@Nullable WorkerRun promoteReplacement() {
		WorkerRun old = this.current;
		this.current = this.replacement;
		this.replacement = null;
		this.state = WorkerState.UP;
		this.restarts++;
		this.lastRestartReason = this.replacementReason;
		return old;
	}

	void replacementEnded(WorkerExit exit) {
		this.replacement = null;
		this.lastExit = exit;
	}

	void restarting(RestartReason reason) {
		this.restarts++;
		this.lastRestartReason = reason;
	}

	void exited(WorkerExit exit) {
		this.current = null;
		this.lastExit = exit;
	}

	void backoff(Instant restartAt, int failedStarts, RestartReason reason) {
		this.state = WorkerState.BACKOFF;
		this.nextRestartAt = restartAt;
		this.nextRestartReason = reason;
		this.failedStarts = failedStarts;
	}

	void failed(int failedStarts) {
		this.state = WorkerState.FAILED;
		this.failedStarts = failedStarts;
		this.nextRestartAt = null;
	}

	void stopping() {
		this.state = WorkerState.STOPPING;
		this.nextRestartAt = null;
	}

	void stopped() {
		this.state = WorkerState.STOPPED;
		this.nextRestartAt = null;
	}

	WorkerStatus status(Instant now) {
		WorkerRun run = this.current;
		WorkerRun next = this.replacement;
		return new WorkerStatus(this.id, this.state, this.restarts, (run != null) ? run.status(now) : null,
				(next != null) ? next.status(now) : null, this.lastExit, this.lastRestartReason, this.nextRestartAt);
	}

}
