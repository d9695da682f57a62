/**
 * Warm-up: a new worker sends requests to itself on a private loopback port before it joins the shared port, so that it joins compiled rather than cold.
 */
@NullMarked
package dev.clusterboot.warmup;

import org.jspecify.annotations.NullMarked;
