/**
 * A worker's agent: its link to the master. It says hello, reports readiness and health in a heartbeat, fetches the cluster's status for the endpoint, and ends the worker when the master is gone or asks it to leave.
 */
@NullMarked
package dev.clusterboot.agent;

import org.jspecify.annotations.NullMarked;
