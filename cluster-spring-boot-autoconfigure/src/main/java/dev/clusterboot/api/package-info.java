/**
 * The public API of cluster mode: the role a process plays, and the cluster's status as the master reports it.
 */
@NullMarked
package dev.clusterboot.api;

import org.jspecify.annotations.NullMarked;
