package dev.clusterboot.api;

/**
 * Thrown when a worker cannot get the cluster's status from its master.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterUnavailableException extends RuntimeException {

	/**
	 * Create a new instance.
	 * @param message what failed
	 * @param cause why
	 */
	public ClusterUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
