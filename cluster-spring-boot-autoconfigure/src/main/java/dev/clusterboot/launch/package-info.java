/**
 * Worker launch: each worker starts as a new JVM with the master's own command line, from a class-data archive where one can be prepared, with its output relayed to the master's, each line naming its worker.
 */
@NullMarked
package dev.clusterboot.launch;

import org.jspecify.annotations.NullMarked;
