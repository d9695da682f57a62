package dev.clusterboot.api.status;

/**
 * The lifecycle state of one worker slot, as the master sees it.
 *
 * @author cluster-spring-boot-starter
 */
public enum WorkerState {

	/**
	 * Launched, not yet ready for traffic.
	 */
	STARTING,

	/**
	 * Ready: its application reported {@code ACCEPTING_TRAFFIC}.
	 */
	UP,

	/**
	 * Exited unexpectedly; waiting out the restart backoff.
	 */
	BACKOFF,

	/**
	 * Asked to stop; finishing the requests it accepted.
	 */
	STOPPING,

	/**
	 * Stopped on purpose; will not be restarted.
	 */
	STOPPED,

	/**
	 * Failed to start too many times in a row; will not be restarted.
	 */
	FAILED;

	/**
	 * Return the lower-case name used in JSON, logs and metric tags.
	 * @return the display name
	 */
	public String displayName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
