/**
 * Messages between workers: an object sent with ClusterMessages reaches the other workers through the master, at most once and in order, and is published there as an application event.
 */
@NullMarked
package dev.clusterboot.messages;

import org.jspecify.annotations.NullMarked;
