package dev.clusterboot.portgroup;

/**
 * Thrown when the cluster's port is held by another process, so that no worker could
 * serve it.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterPortInUseException extends RuntimeException {

	private final int port;

	/**
	 * Create a new instance.
	 * @param port the port that is in use
	 * @param cause the failed bind
	 */
	public ClusterPortInUseException(int port, Throwable cause) {
		super("Port " + port + " is already in use, so the cluster started no worker", cause);
		this.port = port;
	}

	/**
	 * Return the port that is in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
