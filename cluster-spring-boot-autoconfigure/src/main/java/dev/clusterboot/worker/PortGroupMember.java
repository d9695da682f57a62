package dev.clusterboot.worker;

/**
 * A worker's web server as a member of the port's {@code SO_REUSEPORT} group: one
 * implementation per server.
 *
 * @author cluster-spring-boot-starter
 */
public interface PortGroupMember {

	/**
	 * Leave the group without pausing: accept what is already queued, then close the
	 * listening socket, so that the kernel sends new connections to the other workers.
	 * Connections already accepted keep being served; each is asked to close after its
	 * next response, so keep-alive clients move to the other workers too.
	 */
	void leave();

	/**
	 * Return how many requests this server has served.
	 * @return the request count
	 */
	long requestCount();

}
