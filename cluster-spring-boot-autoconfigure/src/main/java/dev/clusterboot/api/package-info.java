/**
 * What an application imports from cluster mode: the role this process plays, messages to the other workers, whether this worker leads, leader-only methods, and detectors of its own state.
 */
@NullMarked
package dev.clusterboot.api;

import org.jspecify.annotations.NullMarked;
