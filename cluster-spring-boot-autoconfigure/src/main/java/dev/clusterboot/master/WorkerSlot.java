package dev.clusterboot.master;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.RestartReason;
import dev.clusterboot.channel.WorkerExit;
import dev.clusterboot.channel.WorkerState;
import dev.clusterboot.channel.WorkerStatus;

/**
 * One worker slot's state inside the master. Slots keep their id across restarts, so
 * {@code [worker 2]} is always the second slot, whichever process serves it. Only the
 * master's loop thread touches a slot; others see its {@link #status()}.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerSlot {

	private static final String UNKNOWN = "UNKNOWN";

	private final int id;

	private @Nullable WorkerProcess process;

	private WorkerState state = WorkerState.STOPPED;

	private String health = UNKNOWN;

	private int restarts;

	private int failedStarts;

	private @Nullable Instant startedAt;

	private @Nullable Instant readyAt;

	private @Nullable Instant lastHeartbeatAt;

	private @Nullable Instant nextRestartAt;

	private @Nullable Instant killAt;

	private @Nullable WorkerExit lastExit;

	private @Nullable RestartReason lastRestartReason;

	WorkerSlot(int id) {
		this.id = id;
	}

	int id() {
		return this.id;
	}

	@Nullable WorkerProcess process() {
		return this.process;
	}

	WorkerState state() {
		return this.state;
	}

	int failedStarts() {
		return this.failedStarts;
	}

	@Nullable Instant readyAt() {
		return this.readyAt;
	}

	@Nullable Instant nextRestartAt() {
		return this.nextRestartAt;
	}

	@Nullable Instant killAt() {
		return this.killAt;
	}

	boolean isRunning() {
		return this.process != null;
	}

	void started(WorkerProcess process, Instant now) {
		this.process = process;
		this.state = WorkerState.STARTING;
		this.health = UNKNOWN;
		this.startedAt = now;
		this.readyAt = null;
		this.lastHeartbeatAt = null;
		this.nextRestartAt = null;
		this.killAt = null;
	}

	/**
	 * Record a heartbeat.
	 * @param ready whether the worker accepts traffic
	 * @param health the worker's health
	 * @param now the current time
	 * @return whether the worker became ready with this heartbeat
	 */
	boolean heartbeat(boolean ready, String health, Instant now) {
		this.lastHeartbeatAt = now;
		this.health = health;
		if (ready && this.state == WorkerState.STARTING) {
			this.state = WorkerState.UP;
			this.readyAt = now;
			return true;
		}
		return false;
	}

	void exited(WorkerExit exit) {
		this.process = null;
		this.lastExit = exit;
		this.health = UNKNOWN;
		this.killAt = null;
	}

	void restarting(RestartReason reason) {
		this.restarts++;
		this.lastRestartReason = reason;
	}

	void backoff(Instant restartAt, int failedStarts) {
		this.state = WorkerState.BACKOFF;
		this.nextRestartAt = restartAt;
		this.failedStarts = failedStarts;
	}

	void failed(int failedStarts) {
		this.state = WorkerState.FAILED;
		this.failedStarts = failedStarts;
		this.nextRestartAt = null;
	}

	void stopping(Instant killAt) {
		this.state = WorkerState.STOPPING;
		this.killAt = killAt;
		this.nextRestartAt = null;
	}

	void killed() {
		this.killAt = null;
	}

	void stopped() {
		this.state = WorkerState.STOPPED;
		this.nextRestartAt = null;
	}

	WorkerStatus status() {
		WorkerProcess current = this.process;
		return new WorkerStatus(this.id, (current != null) ? current.pid() : null, this.state, this.health,
				this.restarts, (current != null) ? this.startedAt : null, (current != null) ? this.readyAt : null,
				this.lastHeartbeatAt, this.lastExit, this.lastRestartReason, this.nextRestartAt);
	}

}
