/**
 * The {@code cluster} health indicator.
 */
@NullMarked
package dev.clusterboot.actuate.health;

import org.jspecify.annotations.NullMarked;
