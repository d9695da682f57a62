/**
 * Coherent local caches: a put, an eviction or a clear on one worker's local cache evicts the same entry on every other worker.
 */
@NullMarked
package dev.clusterboot.caches;

import org.jspecify.annotations.NullMarked;
