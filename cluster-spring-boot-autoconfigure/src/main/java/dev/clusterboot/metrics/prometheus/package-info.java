/**
 * One Prometheus scrape for the whole cluster: each worker serves its own meters on a
 * private Unix domain socket, and the worker that answers the scrape merges them.
 */
@NullMarked
package dev.clusterboot.metrics.prometheus;

import org.jspecify.annotations.NullMarked;
