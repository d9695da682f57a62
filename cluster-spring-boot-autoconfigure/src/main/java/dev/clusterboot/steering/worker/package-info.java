/**
 * The worker's side of connection steering: it counts its requests, reports its load and
 * its joins and leaves to the master, and attaches the programs the master sends.
 */
@NullMarked
package dev.clusterboot.steering.worker;

import org.jspecify.annotations.NullMarked;
