/**
 * Auto-configuration and configuration properties for cluster mode.
 */
@NullMarked
package dev.clusterboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
