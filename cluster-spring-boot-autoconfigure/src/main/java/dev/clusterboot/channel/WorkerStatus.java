package dev.clusterboot.channel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One worker slot as the master sees it at one moment.
 *
 * @param id the slot id, 1 to N, stable across restarts
 * @param pid the process id of the slot's current worker, or {@code null} when none runs
 * @param state the slot's state
 * @param health the health the worker last reported ({@code UP}, {@code OUT_OF_SERVICE},
 * {@code DOWN}), or {@code UNKNOWN} before its first heartbeat
 * @param restarts how many times the master replaced this slot's worker
 * @param startedAt when the current worker was launched, or {@code null}
 * @param readyAt when the current worker became ready, or {@code null}
 * @param lastHeartbeatAt when the master last heard from the current worker, or
 * {@code null}
 * @param lastExit how the slot's previous worker ended, or {@code null}
 * @param lastRestartReason why the slot's worker was last replaced, or {@code null}
 * @param nextRestartAt when a worker in {@link WorkerState#BACKOFF} will be restarted, or
 * {@code null}
 * @param requests how many requests the current worker has served
 * @param heapAfterGc bytes of heap the current worker used after its last garbage
 * collection, or -1 when not known
 * @param replacementPid the process id of the worker starting to replace this one, or
 * {@code null}
 * @param classDataSharing whether the current worker was started from the master's
 * class-data archive
 * @author cluster-spring-boot-starter
 */
public record WorkerStatus(int id, @Nullable Long pid, WorkerState state, String health, int restarts,
		@Nullable Instant startedAt, @Nullable Instant readyAt, @Nullable Instant lastHeartbeatAt,
		@Nullable WorkerExit lastExit, @Nullable RestartReason lastRestartReason, @Nullable Instant nextRestartAt,
		long requests, long heapAfterGc, @Nullable Long replacementPid, boolean classDataSharing) {

}
