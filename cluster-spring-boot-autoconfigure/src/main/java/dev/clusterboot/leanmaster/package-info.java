/**
 * A lean master: once its workers are up, the master shrinks its own heap and native memory, as its collector and JDK allow.
 */
@NullMarked
package dev.clusterboot.leanmaster;

import org.jspecify.annotations.NullMarked;
