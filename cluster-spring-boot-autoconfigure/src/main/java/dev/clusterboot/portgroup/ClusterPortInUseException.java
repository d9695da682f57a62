package dev.clusterboot.portgroup;

/**
 * Thrown when the cluster's port is held by another process, so that no worker could
 * serve it.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterPortInUseException extends RuntimeException {

	private final int port;

	private final String property;

	/**
	 * Create a new instance for {@code server.port}.
	 * @param port the port that is in use
	 * @param cause the failed bind
	 */
	public ClusterPortInUseException(int port, Throwable cause) {
		this(port, "server.port", cause);
	}

	/**
	 * Create a new instance.
	 * @param port the port that is in use
	 * @param property the property that sets it
	 * @param cause the failed bind
	 */
	public ClusterPortInUseException(int port, String property, Throwable cause) {
		super("Port " + port + " ('" + property + "') is already in use, so the cluster started no worker", cause);
		this.port = port;
		this.property = property;
	}

	/**
	 * Return the port that is in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the property that sets the port.
	 * @return the property, {@code server.port} or {@code management.server.port}
	 */
	public String getProperty() {
		return this.property;
	}

}
