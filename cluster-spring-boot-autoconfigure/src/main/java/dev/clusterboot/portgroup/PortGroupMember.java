package dev.clusterboot.portgroup;

import java.net.InetSocketAddress;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * A worker's web server as a member of the port's {@code SO_REUSEPORT} group: one
 * implementation per server.
 * <p>
 * A member either joins the group when its server starts, or, for a
 * {@link StagedStart staged start}, starts listening only on a private loopback port
 * ({@link #privateAddress()}) and joins the group when {@link #join()} is called.
 *
 * @author cluster-spring-boot-starter
 */
public interface PortGroupMember {

	/**
	 * Join the port's group now: bind the shared port with {@code SO_REUSEPORT}, so that
	 * the kernel starts sending connections to this worker. Does nothing when the server
	 * already listens on the shared port.
	 * @throws IllegalStateException if the server has not started yet, or if the shared
	 * port cannot be bound (the cause says why)
	 */
	void join();

	/**
	 * Return whether the server listens on the shared port: {@code true} from its start
	 * for an ordinary start, and from {@link #join()} on for a staged start.
	 * @return whether this worker is in the port's group
	 */
	boolean joined();

	/**
	 * Return when the server's socket joined the port's group, on the host's monotonic
	 * clock ({@link System#nanoTime()}): taken in the host's turn ({@link PortJoins}), so
	 * the order of these moments is the order of the sockets in the kernel's group.
	 * @return the moment, or empty until the server's socket listens on the shared port
	 */
	OptionalLong joinedAtNanos();

	/**
	 * Return the private loopback address a staged server listens on until it joins.
	 * @return the address, or {@code null} for an ordinary start, after joining, or
	 * before the server has started
	 */
	@Nullable InetSocketAddress privateAddress();

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
