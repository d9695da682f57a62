package dev.clusterboot.steering.kernel;

import java.util.List;

import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * The worker's side of steering: attaches the master's {@link BpfProgram} to the
 * reuseport group of the worker's own listening socket, and detaches it. The program
 * belongs to the group, not to the socket: it steers every worker's socket on the port,
 * replaces the previous program at once, and outlives the worker that attached it as long
 * as any member stays. It must be attached after the web server listens; before, the
 * socket is in a private group that joining the port's group drops.
 * <p>
 * No privilege is needed. Where steering cannot work, each call throws a
 * {@link SteeringUnavailableException} that says why.
 *
 * @author cluster-spring-boot-starter
 * @see SteeringAvailability
 */
public final class ReuseportSteering {

	private final int port;

	/**
	 * Create the steering of a port.
	 * @param port the port that the worker's web server listens on
	 */
	public ReuseportSteering(int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("A port is 1 to 65535, not " + port);
		}
		this.port = port;
	}

	/**
	 * Attach a program to the port's reuseport group, replacing the group's program.
	 * @param program the program
	 * @return the sockets that it was attached through
	 * @throws SteeringUnavailableException when it could not be attached
	 */
	public SteeringAttachment attach(BpfProgram program) {
		return attachThrough(members(NativeAccess.sockets()), program);
	}

	/**
	 * Attach a program through sockets of the port's group found before.
	 * @param members the sockets
	 * @param program the program
	 * @return the sockets that it was attached through
	 * @throws SteeringUnavailableException when it could not be attached
	 */
	SteeringAttachment attachThrough(List<ListeningSocket> members, BpfProgram program) {
		NativeSockets sockets = NativeAccess.sockets();
		for (ListeningSocket member : members) {
			try {
				sockets.attach(member.fd(), program);
			}
			catch (SocketCallException ex) {
				throw SteeringUnavailableException.refused("attach a " + program.length()
						+ "-instruction steering program to " + member, ex.errno(), ex);
			}
		}
		return new SteeringAttachment(this.port, members);
	}

	/**
	 * Detach the port's program, so that the kernel's hash chooses the socket again.
	 * @return {@code true} when the group had a program, {@code false} when it had none
	 * @throws SteeringUnavailableException when the program could not be detached
	 */
	public boolean detach() {
		NativeSockets sockets = NativeAccess.sockets();
		boolean detached = false;
		for (ListeningSocket member : members(sockets)) {
			try {
				sockets.detach(member.fd());
				detached = true;
			}
			catch (SocketCallException ex) {
				if (ex.errno() != Errno.ENOENT) {
					throw SteeringUnavailableException.refused("detach the steering program from " + member,
							ex.errno(), ex);
				}
			}
		}
		return detached;
	}

	/**
	 * Return the sockets of this process in the port's reuseport group.
	 * @return at least one socket
	 * @throws SteeringUnavailableException when there is none
	 */
	List<ListeningSocket> members() {
		return members(NativeAccess.sockets());
	}

	private List<ListeningSocket> members(NativeSockets sockets) {
		List<ListeningSocket> listening = new ListeningSockets(sockets).listeningOn(this.port);
		if (listening.isEmpty()) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.NO_LISTENING_SOCKET, "No TCP socket of "
					+ "this process listens on port " + this.port + "; attach once the web server listens", null);
		}
		List<ListeningSocket> members = listening.stream().filter(ListeningSocket::reusePort).toList();
		if (members.isEmpty()) {
			throw new SteeringUnavailableException(SteeringUnavailableReason.NOT_IN_REUSEPORT_GROUP,
					"The sockets listening on port " + this.port + " have no SO_REUSEPORT: " + listening, null);
		}
		return members;
	}

}
