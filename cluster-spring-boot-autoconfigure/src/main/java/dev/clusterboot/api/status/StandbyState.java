package dev.clusterboot.api.status;

/**
 * Where a standby worker is in its life.
 *
 * @author cluster-spring-boot-starter
 */
public enum StandbyState {

	/**
	 * Launched; its application is still starting.
	 */
	STARTING,

	/**
	 * Its application has started and waits, on a private port, to be promoted.
	 */
	STANDING_BY,

	/**
	 * Retired (by a rolling restart or the stop) and shutting down.
	 */
	STOPPING

}
