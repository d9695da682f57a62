package dev.clusterboot.api.status;

/**
 * Whether the master steers new connections on the shared port now.
 *
 * @author cluster-spring-boot-starter
 */
public enum SteeringState {

	/**
	 * Steering is turned off: the kernel's hash spreads new connections.
	 */
	OFF,

	/**
	 * The master decides which worker takes each new connection, and sends the workers
	 * the program to attach.
	 */
	ACTIVE,

	/**
	 * Steering was asked for, but a worker cannot attach a program or the kernel refused
	 * one: the kernel's hash spreads new connections, and the status says why.
	 */
	UNAVAILABLE

}
