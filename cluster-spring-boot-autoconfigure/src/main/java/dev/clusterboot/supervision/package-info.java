/**
 * Supervision: the master keeps the desired number of workers serving. It starts them, restarts one that exits or hangs (with backoff, giving up on a crash loop), replaces them one at a time without dropping a request, keeps standbys ready to take a slot at once, names the leader, and stops them gracefully.
 */
@NullMarked
package dev.clusterboot.supervision;

import org.jspecify.annotations.NullMarked;
