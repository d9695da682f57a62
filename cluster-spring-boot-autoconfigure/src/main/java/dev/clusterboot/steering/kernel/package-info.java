/**
 * A worker's own listening socket and the kernel calls that attach the steering program to its group, without privileges, or say why they cannot.
 */
@NullMarked
package dev.clusterboot.steering.kernel;

import org.jspecify.annotations.NullMarked;
