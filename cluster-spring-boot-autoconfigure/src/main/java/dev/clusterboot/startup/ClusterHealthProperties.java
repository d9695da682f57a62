package dev.clusterboot.startup;

import dev.clusterboot.properties.ClusterLimits;
import dev.clusterboot.properties.PropertyBounds;

/**
 * How the cluster's health reaches health groups and probes.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterHealthProperties {

	/**
	 * Fewest workers that must be up for the 'cluster' health component to report UP
	 * or DEGRADED; below it, or with no worker up, it reports DOWN. Capped at the
	 * desired number of workers. From 1 to 64.
	 */
	private int minUpWorkers = 1;

	/**
	 * Whether the 'cluster' health component joins the readiness group when Boot's
	 * availability probes are enabled (on Kubernetes, or with
	 * 'management.endpoint.health.probes.enabled'), so that a pod with too few
	 * workers up stops receiving traffic. The liveness group never includes it.
	 */
	private boolean includeInReadiness = true;

	public int getMinUpWorkers() {
		return this.minUpWorkers;
	}

	public void setMinUpWorkers(int minUpWorkers) {
		this.minUpWorkers = PropertyBounds.check("cluster.health.min-up-workers", minUpWorkers, 1,
				ClusterLimits.MAX_WORKERS);
	}

	public boolean isIncludeInReadiness() {
		return this.includeInReadiness;
	}

	public void setIncludeInReadiness(boolean includeInReadiness) {
		this.includeInReadiness = includeInReadiness;
	}

}
