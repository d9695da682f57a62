/**
 * Coherent local caches: a put, an eviction or a clear on one worker's local cache evicts the same entry on every other worker, and on every other host's workers where Redis carries it there.
 */
@NullMarked
package dev.clusterboot.caches;

import org.jspecify.annotations.NullMarked;
