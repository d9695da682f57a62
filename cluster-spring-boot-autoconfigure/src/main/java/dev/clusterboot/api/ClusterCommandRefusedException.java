package dev.clusterboot.api;

import dev.clusterboot.api.status.ClusterStatus;

/**
 * Thrown when the master refuses a command, for example a scale while the cluster is
 * stopping. The message is the master's reason.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterCommandRefusedException extends RuntimeException {

	private final ClusterStatus status;

	/**
	 * Create a new instance.
	 * @param reason why the master refused the command
	 * @param status the cluster's status as the master answered it
	 */
	public ClusterCommandRefusedException(String reason, ClusterStatus status) {
		super(reason);
		this.status = status;
	}

	/**
	 * Return the cluster's status as the master answered it, unchanged by the command.
	 * @return the status
	 */
	public ClusterStatus getStatus() {
		return this.status;
	}

}
