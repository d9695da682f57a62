package dev.clusterboot.api;

/**
 * Thrown when a message between workers is larger than {@code cluster.messages.max-size}
 * allows, or than the master's channel carries.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterMessageTooLargeException extends IllegalArgumentException {

	/**
	 * The property that limits a message's size.
	 */
	public static final String PROPERTY = "cluster.messages.max-size";

	/**
	 * Create an exception.
	 * @param type the message's class
	 * @param bytes how large it is, in bytes of JSON
	 * @param limit the most allowed, in bytes
	 * @param what what sets the limit
	 */
	public ClusterMessageTooLargeException(Class<?> type, long bytes, long limit, String what) {
		super("A " + type.getName() + " message is " + bytes + " bytes of JSON, more than the " + limit + " bytes "
				+ what + "; send less, or something that names where the data is");
	}

}
