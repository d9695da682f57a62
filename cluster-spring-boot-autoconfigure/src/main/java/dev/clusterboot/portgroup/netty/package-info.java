/**
 * Binding Reactor Netty's server with SO_REUSEPORT so that every worker can listen on the same port, and leaving that
 * port without dropping what is queued.
 */
@NullMarked
package dev.clusterboot.portgroup.netty;

import org.jspecify.annotations.NullMarked;
