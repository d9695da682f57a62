package dev.clusterboot.steering;

import java.time.Instant;
import java.util.Set;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.SteeringMessage;

/**
 * The reports of the workers that {@link PortSteering} takes, as they arrive on the
 * master's control channel: port joined, port left, load and steered.
 *
 * @author cluster-spring-boot-starter
 */
public final class SteeringReports {

	private static final Set<Class<?>> REPORTS = Set.of(SteeringMessage.PortJoined.class,
			SteeringMessage.PortLeft.class, SteeringMessage.Load.class, SteeringMessage.Steered.class);

	private SteeringReports() {
	}

	/**
	 * Return whether a message is a worker's report that steering takes.
	 * @param message a message from a worker
	 * @return {@code true} for port joined, port left, load and steered
	 */
	public static boolean isReport(ControlMessage message) {
		return REPORTS.contains(message.getClass());
	}

	/**
	 * Hand a worker's report to the master's steering.
	 * @param steering the master's steering
	 * @param pid the worker's process id
	 * @param report a message for which {@link #isReport} is {@code true}
	 * @param now when it arrived
	 */
	public static void deliver(PortSteering steering, long pid, ControlMessage report, Instant now) {
		if (report instanceof SteeringMessage.PortJoined joined) {
			steering.joined(pid, joined.joinedAtNanos(), joined.steeringUnavailable(), now);
		}
		else if (report instanceof SteeringMessage.PortLeft) {
			steering.left(pid);
		}
		else if (report instanceof SteeringMessage.Load load) {
			steering.load(pid, load, now);
		}
		else if (report instanceof SteeringMessage.Steered steered) {
			steering.steered(pid, steered.refused());
		}
	}

}
