/**
 * The supervision's settings as they bind from cluster.restart.*, cluster.shutdown.* and cluster.heartbeat.*, with their bounds; the master's startup turns them into its settings.
 */
@NullMarked
package dev.clusterboot.supervision.properties;

import org.jspecify.annotations.NullMarked;
