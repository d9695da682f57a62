/**
 * Binding Jetty's connector with SO_REUSEPORT so that every worker can listen on the same port, and leaving that port
 * without dropping what is queued.
 */
@NullMarked
package dev.clusterboot.portgroup.jetty;

import org.jspecify.annotations.NullMarked;
