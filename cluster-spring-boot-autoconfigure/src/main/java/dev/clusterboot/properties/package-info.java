/**
 * The bounds of every cluster.* value, defined once, and the check that applies them as a value binds, so that no setting reaches the master's arithmetic unbounded.
 */
@NullMarked
package dev.clusterboot.properties;

import org.jspecify.annotations.NullMarked;
