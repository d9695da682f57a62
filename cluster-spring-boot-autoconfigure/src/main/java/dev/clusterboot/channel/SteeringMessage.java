package dev.clusterboot.channel;

import org.jspecify.annotations.Nullable;

/**
 * The messages of connection steering: a worker tells its master when its socket joins
 * and leaves the shared port's {@code SO_REUSEPORT} group and what load it carries, and
 * the master sends one worker the program that chooses the worker of each new
 * connection. Part of the {@link ControlMessage} protocol, kept apart by job.
 *
 * @author cluster-spring-boot-starter
 */
public sealed interface SteeringMessage extends ControlMessage {

	/**
	 * A worker to its master, right after its web server joined the shared port's
	 * {@code SO_REUSEPORT} group: the master appends it to its model of the group's order.
	 *
	 * @param joinedAtNanos {@link System#nanoTime()} right after the worker's socket
	 * listened: Linux's monotonic clock, the same for every process of the host, so that
	 * the master orders the group as the kernel did even when two reports cross
	 * @param steeringUnavailable why this worker cannot attach a steering program to the
	 * group (no JNA, another platform, a kernel that refuses), or {@code null} when it can
	 */
	record PortJoined(long joinedAtNanos, @Nullable String steeringUnavailable) implements SteeringMessage {
	}

	/**
	 * A worker to its master, right after its web server closed its listening socket on
	 * the shared port: the kernel has moved the group's last socket into its place.
	 */
	record PortLeft() implements SteeringMessage {
	}

	/**
	 * A worker to its master, every {@code cluster.steering.report-interval} while it is
	 * in the port's group: the load the master steers new connections by.
	 *
	 * @param inFlight requests the worker is serving now
	 * @param completed requests the worker has completed since it started, a monotonic
	 * count
	 * @param ready whether the application accepts traffic (Boot's
	 * {@code ReadinessState.ACCEPTING_TRAFFIC}); a worker that says no gets no new
	 * connections
	 * @param slow how many of the requests in flight have been for longer than
	 * {@code cluster.steering.slow-after}
	 */
	record Load(int inFlight, long completed, boolean ready, int slow) implements SteeringMessage {
	}

	/**
	 * The master to one worker in the port's group: attach this classic BPF program to the
	 * group, in place of the one before; the program belongs to the group, whichever
	 * member attaches it.
	 *
	 * @param program the program's instructions, four numbers each: code, jt, jf, k
	 */
	record Steer(int[] program) implements SteeringMessage {
	}

	/**
	 * A worker to its master, once it has attached a {@link Steer} program, or failed to.
	 *
	 * @param refused why the program could not be attached, or {@code null} when it was
	 */
	record Steered(@Nullable String refused) implements SteeringMessage {
	}

}
