/**
 * The private channel between the master and its workers: the messages, their encoding, and the cluster status they carry.
 */
@NullMarked
package dev.clusterboot.channel;

import org.jspecify.annotations.NullMarked;
