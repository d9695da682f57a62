/**
 * The cluster's status as the master sees it: what /actuator/cluster returns, the cluster health component reads and the meters count.
 */
@NullMarked
package dev.clusterboot.api.status;

import org.jspecify.annotations.NullMarked;
