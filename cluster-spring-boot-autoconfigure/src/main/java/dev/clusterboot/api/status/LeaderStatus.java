package dev.clusterboot.api.status;

import java.time.Instant;

/**
 * The worker the master has named the cluster's leader: the one serving worker on which
 * leader-only {@code @Scheduled} methods run.
 *
 * @param worker the leader's slot id
 * @param pid the leader's process id
 * @param since when the master granted it leadership
 * @author cluster-spring-boot-starter
 */
public record LeaderStatus(int worker, long pid, Instant since) {

}
