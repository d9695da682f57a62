/**
 * Least-connections steering ({@code cluster.steering.mode=least}): the workers of one host
 * share their requests in flight in a mapped table, and each worker attaches the program
 * that sends new connections to the least busy workers at every start and end of a
 * request, within the group and the eligibility that the master writes.
 */
@NullMarked
package dev.clusterboot.steering.least;

import org.jspecify.annotations.NullMarked;
