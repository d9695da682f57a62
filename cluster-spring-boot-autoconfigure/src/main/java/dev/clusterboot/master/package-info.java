/**
 * The supervision core: the master's rules for starting, restarting, replacing and stopping workers, and the loop that applies them.
 */
@NullMarked
package dev.clusterboot.master;

import org.jspecify.annotations.NullMarked;
