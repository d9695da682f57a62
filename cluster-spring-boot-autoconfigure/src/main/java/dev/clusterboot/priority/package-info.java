/**
 * Boot priority: while a worker JVM boots, the serving workers run at a lower CPU priority so that a replacement under load is not starved, and inside each worker the JIT runs before the application's threads.
 */
@NullMarked
package dev.clusterboot.priority;

import org.jspecify.annotations.NullMarked;
