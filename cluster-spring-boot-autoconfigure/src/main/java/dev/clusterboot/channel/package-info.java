/**
 * The private transport between the master and its workers: newline-delimited JSON messages over a Unix domain socket, also used by the cluster scrape.
 */
@NullMarked
package dev.clusterboot.channel;

import org.jspecify.annotations.NullMarked;
