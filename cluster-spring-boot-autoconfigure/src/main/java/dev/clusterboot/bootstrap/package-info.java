/**
 * What runs before the application's context exists: deciding the role, binding {@code cluster.*}, guarding the port, building the workers' launch command, and running the master in place of the application.
 */
@NullMarked
package dev.clusterboot.bootstrap;

import org.jspecify.annotations.NullMarked;
