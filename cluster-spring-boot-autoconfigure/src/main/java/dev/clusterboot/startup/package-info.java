/**
 * Startup: decides each process's role before any application context exists, binds every cluster.* property, and starts the master in the process that runs as one.
 */
@NullMarked
package dev.clusterboot.startup;

import org.jspecify.annotations.NullMarked;
