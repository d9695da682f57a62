/**
 * Coherent caches across hosts: each worker publishes its caches' evictions on Redis pub/sub, and each host's leader subscribes and relays the other hosts' evictions to its workers.
 */
@NullMarked
package dev.clusterboot.caches.redis;

import org.jspecify.annotations.NullMarked;
