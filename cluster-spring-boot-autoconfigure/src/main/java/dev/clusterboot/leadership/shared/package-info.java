/**
 * One leader across hosts: with cluster.leadership.lock set, the worker each master names its host's leader contends for a lock in the application's Spring Integration LockRegistry, and only the holder, while its local lease on the lock holds, runs leader-only jobs.
 */
@NullMarked
package dev.clusterboot.leadership.shared;

import org.jspecify.annotations.NullMarked;
