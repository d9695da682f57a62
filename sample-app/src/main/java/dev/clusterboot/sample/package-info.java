/**
 * A sample application that runs in cluster mode.
 */
@NullMarked
package dev.clusterboot.sample;

import org.jspecify.annotations.NullMarked;
