/**
 * Binding Tomcat's connector with SO_REUSEPORT so that every worker can listen on the same port.
 */
@NullMarked
package dev.clusterboot.portgroup.tomcat;

import org.jspecify.annotations.NullMarked;
