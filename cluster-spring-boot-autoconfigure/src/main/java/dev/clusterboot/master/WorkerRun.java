package dev.clusterboot.master;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.RestartReason;

/**
 * One worker process's life, from launch to exit, as the master tracks it. A slot has one
 * run serving and, while it is being replaced, a second one starting. Only the master's
 * loop thread touches a run.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerRun {

	static final String UNKNOWN = "UNKNOWN";

	private final WorkerProcess process;

	private final Instant startedAt;

	private final long requestLimit;

	private @Nullable ControlConnection connection;

	private @Nullable Instant readyAt;

	private @Nullable Instant lastHeartbeatAt;

	private @Nullable Instant killAt;

	private @Nullable RestartReason killReason;

	private String health = UNKNOWN;

	private long requests;

	private long heapAfterGc = -1;

	/**
	 * Create a run.
	 * @param process the worker process
	 * @param startedAt when it was launched
	 * @param requestLimit requests after which it is recycled, or 0 for no limit
	 */
	WorkerRun(WorkerProcess process, Instant startedAt, long requestLimit) {
		this.process = process;
		this.startedAt = startedAt;
		this.requestLimit = requestLimit;
	}

	WorkerProcess process() {
		return this.process;
	}

	long pid() {
		return this.process.pid();
	}

	Instant startedAt() {
		return this.startedAt;
	}

	@Nullable Instant readyAt() {
		return this.readyAt;
	}

	@Nullable Instant lastHeartbeatAt() {
		return this.lastHeartbeatAt;
	}

	@Nullable Instant killAt() {
		return this.killAt;
	}

	@Nullable RestartReason killReason() {
		return this.killReason;
	}

	@Nullable ControlConnection connection() {
		return this.connection;
	}

	String health() {
		return this.health;
	}

	long requests() {
		return this.requests;
	}

	long heapAfterGc() {
		return this.heapAfterGc;
	}

	boolean isReady() {
		return this.readyAt != null;
	}

	boolean reachedRequestLimit() {
		return this.requestLimit > 0 && this.requests >= this.requestLimit;
	}

	void connected(ControlConnection connection) {
		this.connection = connection;
	}

	/**
	 * Record a heartbeat.
	 * @param heartbeat what the worker reported
	 * @param now the current time
	 * @return whether the run became ready with this heartbeat
	 */
	boolean heartbeat(ControlMessage.Heartbeat heartbeat, Instant now) {
		this.lastHeartbeatAt = now;
		this.health = heartbeat.health();
		this.requests = heartbeat.requests();
		this.heapAfterGc = heartbeat.heapAfterGc();
		if (heartbeat.ready() && this.readyAt == null) {
			this.readyAt = now;
			return true;
		}
		return false;
	}

	/**
	 * Remember that the master is killing this run, and why.
	 * @param reason the restart reason its exit will be counted under
	 */
	void killing(RestartReason reason) {
		this.killReason = reason;
	}

	void killAt(@Nullable Instant killAt) {
		this.killAt = killAt;
	}

}
