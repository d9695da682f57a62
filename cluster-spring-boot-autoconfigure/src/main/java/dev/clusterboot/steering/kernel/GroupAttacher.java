package dev.clusterboot.steering.kernel;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * Attaches programs to the port's reuseport group often, as a worker that chooses per
 * request does: through the listening sockets found once, rather than a scan of
 * {@code /proc/self/fd} at every attach. When an attach through them fails (the server
 * left the port and joined it again on a new socket), the sockets are looked for again
 * and the attach is tried once more. The caller attaches only while its server is in the
 * group.
 *
 * @author cluster-spring-boot-starter
 */
public final class GroupAttacher {

	private final ReuseportSteering steering;

	private volatile @Nullable List<ListeningSocket> members;

	/**
	 * Create the attacher of a port.
	 * @param port the port that the worker's web server listens on
	 */
	public GroupAttacher(int port) {
		this.steering = new ReuseportSteering(port);
	}

	/**
	 * Attach a program to the port's group, replacing the group's program.
	 * @param program the program
	 * @throws SteeringUnavailableException when it could not be attached
	 */
	public void attach(BpfProgram program) {
		List<ListeningSocket> known = this.members;
		if (known != null) {
			try {
				this.steering.attachThrough(known, program);
				return;
			}
			catch (SteeringUnavailableException ex) {
				this.members = null;
			}
		}
		this.members = this.steering.attachThrough(this.steering.members(), program).sockets();
	}

}
