/**
 * The supervision core: deciding the role early, forking workers, restarting them under a policy, and stopping them.
 */
@NullMarked
package dev.clusterboot.master;

import org.jspecify.annotations.NullMarked;
