package dev.clusterboot.api.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One worker process at one moment, as the master sees it: the process serving a slot,
 * or the one starting to replace it.
 *
 * @param pid the operating system's process id
 * @param startedAt when the master launched it
 * @param uptimeSeconds seconds since it was launched, at the time of the status
 * @param readyAt when it first reported itself ready, or {@code null} before that
 * @param lastHeartbeatAt when the master last heard from it, or {@code null} before its
 * first heartbeat
 * @param classDataSharing whether it was started from the master's class-data archive
 * @param report what it last reported of itself
 * @author cluster-spring-boot-starter
 */
public record ProcessStatus(long pid, Instant startedAt, long uptimeSeconds, @Nullable Instant readyAt,
		@Nullable Instant lastHeartbeatAt, boolean classDataSharing, WorkerReport report) {

}
