/**
 * Micrometer meters for the cluster's workers and restarts.
 */
@NullMarked
package dev.clusterboot.metrics;

import org.jspecify.annotations.NullMarked;
