/**
 * Connection steering: the master decides which worker takes each new connection on the shared port, by weights, health or client address, and compiles that decision into the classic BPF program that the port's SO_REUSEPORT group runs; each worker attaches it to the group through its own listening socket, or reports why it cannot.
 */
@NullMarked
package dev.clusterboot.steering;

import org.jspecify.annotations.NullMarked;
