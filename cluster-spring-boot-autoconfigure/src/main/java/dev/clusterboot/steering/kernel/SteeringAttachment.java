package dev.clusterboot.steering.kernel;

import java.util.List;

/**
 * Where a worker attached a steering program: the listening sockets of its port that it
 * attached it through. Usually one. More than one when this process listens on the port
 * more than once, for example over {@code AF_INET} and {@code AF_INET6} or on two
 * addresses: those may be separate reuseport groups, so each got the program, and
 * {@link #toString()} says so.
 *
 * @param port the port
 * @param sockets the sockets that the program was attached through, at least one
 * @author cluster-spring-boot-starter
 */
public record SteeringAttachment(int port, List<ListeningSocket> sockets) {

	/**
	 * Create an attachment.
	 * @param port the port
	 * @param sockets the sockets that the program was attached through, at least one
	 */
	public SteeringAttachment {
		sockets = List.copyOf(sockets);
		if (sockets.isEmpty()) {
			throw new IllegalArgumentException("A program is attached through at least one socket");
		}
	}

	/**
	 * Return whether this process listens on the port more than once.
	 * @return {@code true} when the program went through more than one socket
	 */
	public boolean severalListeners() {
		return this.sockets.size() > 1;
	}

	@Override
	public String toString() {
		if (!severalListeners()) {
			return "Attached to the reuseport group of port " + this.port + " through " + this.sockets.get(0);
		}
		return "This process listens on port " + this.port + " " + this.sockets.size()
				+ " times; attached through each, in case they are separate groups: " + this.sockets;
	}

}
