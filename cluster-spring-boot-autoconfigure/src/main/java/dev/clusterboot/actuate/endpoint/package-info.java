/**
 * The {@code cluster} actuator endpoint.
 */
@NullMarked
package dev.clusterboot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
