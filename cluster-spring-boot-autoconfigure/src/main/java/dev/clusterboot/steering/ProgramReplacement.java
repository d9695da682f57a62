package dev.clusterboot.steering;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a new decision is worth a new program, so that noise in the workers'
 * load does not reprogram the port on every report.
 * <p>
 * A change of mode, of the group's size, of the sticky buckets or of which sockets may
 * take connections always replaces the program: each of them changes where connections
 * go, or stops sending them to a worker that must not get them. A change of weights alone
 * replaces it only when it moves more than a threshold of new connections: the total
 * variation distance between the two decisions' shares, half the sum over the sockets of
 * the difference of each socket's share. It reads the same whatever the number of
 * workers: 0.1 means that one new connection in ten would go to another worker.
 *
 * @author cluster-spring-boot-starter
 */
public final class ProgramReplacement {

	private ProgramReplacement() {
	}

	/**
	 * Decide whether to replace the program.
	 * @param current the decision the program in place was compiled from, {@code null}
	 * when there is none yet
	 * @param next the new decision
	 * @param replaceAbove the share of new connections that must move for weights alone
	 * to replace the program, {@link SteeringSettings#replaceAbove()}
	 * @return {@code true} when the program should be compiled from {@code next} and
	 * attached
	 */
	public static boolean shouldReplace(@Nullable SteeringDecision current, SteeringDecision next,
			double replaceAbove) {
		if (current == null || current.mode() != next.mode() || !current.buckets().equals(next.buckets())) {
			return true;
		}
		List<Integer> before = current.weights();
		List<Integer> after = next.weights();
		if (before.size() != after.size()) {
			return true;
		}
		for (int socket = 0; socket < before.size(); socket++) {
			if ((before.get(socket) > 0) != (after.get(socket) > 0)) {
				return true;
			}
		}
		return movedShare(before, after) > replaceAbove;
	}

	/**
	 * Return the share of new connections that would go to another socket.
	 * @param before the weights of the program in place
	 * @param after the new weights, as many
	 * @return the total variation distance between the shares, 0 to 1
	 */
	static double movedShare(List<Integer> before, List<Integer> after) {
		double totalBefore = before.stream().mapToLong(Integer::longValue).sum();
		double totalAfter = after.stream().mapToLong(Integer::longValue).sum();
		if (totalBefore == 0 || totalAfter == 0) {
			return (totalBefore == totalAfter) ? 0 : 1;
		}
		double moved = 0;
		for (int socket = 0; socket < before.size(); socket++) {
			moved += Math.abs(before.get(socket) / totalBefore - after.get(socket) / totalAfter);
		}
		return moved / 2;
	}

}
