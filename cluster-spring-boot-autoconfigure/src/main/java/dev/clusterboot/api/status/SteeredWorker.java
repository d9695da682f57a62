package dev.clusterboot.api.status;

import org.jspecify.annotations.Nullable;

/**
 * One worker in the shared port's group, as steering sees it: its share of new
 * connections, or why it gets none.
 *
 * @param worker the worker's slot id, or {@code null} for a process that serves no slot
 * any more
 * @param pid the worker's process id
 * @param socket the index of the worker's socket in the port's group, from 0
 * @param sharePercent the percentage of new connections the master steers to it, 0 to
 * 100
 * @param exclusion why it gets no new connections ({@code UNRESPONSIVE}, {@code DRAINING},
 * {@code NOT_READY}, {@code STALLED}), or {@code null} when it may take them
 * @author cluster-spring-boot-starter
 */
public record SteeredWorker(@Nullable Integer worker, long pid, int socket, int sharePercent,
		@Nullable String exclusion) {

}
