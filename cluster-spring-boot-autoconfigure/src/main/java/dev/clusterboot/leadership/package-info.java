/**
 * Leader-only scheduling: the worker the master names the cluster's leader knows it, and @Scheduled methods run on the leader only, once per period for the whole cluster.
 */
@NullMarked
package dev.clusterboot.leadership;

import org.jspecify.annotations.NullMarked;
