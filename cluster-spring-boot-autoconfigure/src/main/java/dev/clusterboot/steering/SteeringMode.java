package dev.clusterboot.steering;

/**
 * How the master steers new connections over the workers in the port's group.
 *
 * @author cluster-spring-boot-starter
 */
public enum SteeringMode {

	/**
	 * No program: the kernel spreads new connections by a hash of the connection, whatever
	 * state the workers are in.
	 */
	OFF,

	/**
	 * Equal shares for the workers that may take connections, none for the others.
	 */
	HEALTH,

	/**
	 * Shares that follow load: a worker with fewer requests in flight gets more new
	 * connections, and a worker that may not take connections gets none.
	 */
	LOAD,

	/**
	 * Fewest requests in flight: at every start and end of a request, a worker sends the
	 * next new connections to the workers that serve the fewest, as nginx's
	 * {@code least_conn} does, and a worker that may not take connections gets none. For
	 * applications whose requests wait on each other (a global lock, a single-threaded
	 * library); each change of the choice costs a program attached on the request thread.
	 */
	LEAST,

	/**
	 * By client address: every connection from one address lands on the same worker for as
	 * long as that worker serves, and only the addresses of a worker that stops serving
	 * move.
	 */
	STICKY;

	/**
	 * Return the weight of a worker that may take connections in this mode.
	 * @param loadWeight the worker's weight by load, at least 1
	 * @param buckets how many of the address buckets the worker serves
	 * @return the worker's weight, {@code 0} in {@link #OFF}
	 */
	int weightOf(int loadWeight, int buckets) {
		return switch (this) {
			case OFF -> 0;
			case HEALTH, LEAST -> 1;
			case LOAD -> loadWeight;
			case STICKY -> buckets;
		};
	}

}
