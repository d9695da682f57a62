/**
 * How the master weighs the workers in the port's group: each worker's latest load report,
 * whether it may take new connections (and if not, why), and its weight by load, as plain
 * functions of the reports and of the time, so that a test drives them on any clock.
 */
@NullMarked
package dev.clusterboot.steering.weighing;

import org.jspecify.annotations.NullMarked;
