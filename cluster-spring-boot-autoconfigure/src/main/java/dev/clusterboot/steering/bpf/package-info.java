/**
 * The steering program: classic BPF instructions, checked as the kernel checks them, that choose the socket of a new connection in the port's SO_REUSEPORT group.
 */
@NullMarked
package dev.clusterboot.steering.bpf;

import org.jspecify.annotations.NullMarked;
