/**
 * Auto-configuration for cluster mode: every bean a worker gets, the endpoint, health and metrics glue.
 */
@NullMarked
package dev.clusterboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
