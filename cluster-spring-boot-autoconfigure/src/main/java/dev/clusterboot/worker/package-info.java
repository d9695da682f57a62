/**
 * The worker side: joining the master's channel, reporting readiness and health, and leaving when the master is gone.
 */
@NullMarked
package dev.clusterboot.worker;

import org.jspecify.annotations.NullMarked;
