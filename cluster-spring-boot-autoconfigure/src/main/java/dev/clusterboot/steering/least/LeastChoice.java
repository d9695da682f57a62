package dev.clusterboot.steering.least;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.clusterboot.steering.SteeringDecision;
import dev.clusterboot.steering.SteeringMode;
import dev.clusterboot.steering.SteeringProgramCompiler;
import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * The choice of {@code least} steering: of the sockets that may take new connections,
 * those with the fewest slow requests and, among them, the fewest requests in flight,
 * which share the next new connections evenly; when none may take connections, the
 * kernel's hash chooses.
 * <p>
 * Why slow requests first: a request that has run longer than the slow threshold is
 * likely to run longer still, and where the work serializes (a lock, a single-threaded
 * library) every request behind it waits for it, while fresh requests end soon. A count
 * of connections alone, as a proxy's least-connections balancing keeps, sees a worker
 * with one long request and a worker with one short request as equal, and sends half of
 * the next connections behind the long one. A plain function of the table,
 * encoded as one number, so that workers can tell whether the program in place is
 * already the one they would attach.
 *
 * @author cluster-spring-boot-starter
 */
public final class LeastChoice {

	/**
	 * The choice of no known program. Every real choice has the top bit set, and one bit
	 * per chosen socket below it; a choice of no socket leaves the choice to the hash.
	 */
	public static final long UNKNOWN = 0;

	private static final long KNOWN = 1L << 63;

	private LeastChoice() {
	}

	/**
	 * Choose from the table as it is now.
	 * @param table the host's table
	 * @return the choice
	 */
	public static long choose(InFlightTable table) {
		int size = table.size();
		int[] inFlight = new int[size];
		int[] slow = new int[size];
		boolean[] eligible = new boolean[size];
		for (int socket = 0; socket < size; socket++) {
			eligible[socket] = table.eligible(socket);
			inFlight[socket] = table.inFlight(socket);
			slow[socket] = table.slow(socket);
		}
		return choose(eligible, inFlight, slow);
	}

	/**
	 * Choose.
	 * @param eligible whether each socket may take new connections
	 * @param inFlight each socket's requests in flight
	 * @param slow how many of each socket's requests in flight are slow
	 * @return the choice: the eligible sockets with the fewest slow requests, then the
	 * fewest in flight
	 */
	public static long choose(boolean[] eligible, int[] inFlight, int[] slow) {
		long fewest = Long.MAX_VALUE;
		long chosen = 0;
		for (int socket = 0; socket < Math.min(eligible.length, InFlightTable.MAX_SOCKETS); socket++) {
			long busy = ((long) slow[socket] << 32) | inFlight[socket];
			if (!eligible[socket] || busy > fewest) {
				continue;
			}
			if (busy < fewest) {
				fewest = busy;
				chosen = 0;
			}
			chosen |= 1L << socket;
		}
		return KNOWN | chosen;
	}

	/**
	 * Return whether the choice in place may stay: it is known, and every socket it sends
	 * new connections to is still among the least busy. A narrower choice than the best
	 * one still never sends a connection to a busier socket, and keeping it spares an
	 * attach at every end of a request that only widens the tie.
	 * @param placed the choice in place, {@link #UNKNOWN} when unknown
	 * @param choice the choice now
	 * @return whether the choice in place may stay
	 */
	public static boolean keeps(long placed, long choice) {
		if (placed == choice) {
			return true;
		}
		long sockets = placed & ~KNOWN;
		return placed != UNKNOWN && sockets != 0 && (sockets & ~choice) == 0;
	}

	/**
	 * Compile a choice.
	 * @param choice a choice other than {@link #UNKNOWN}
	 * @return the program that spreads new connections evenly over the chosen sockets, or
	 * leaves them to the kernel's hash when none is chosen
	 */
	public static BpfProgram program(long choice) {
		long sockets = choice & ~KNOWN;
		int size = 64 - Long.numberOfLeadingZeros(sockets);
		List<Integer> weights = new ArrayList<>(size);
		for (int socket = 0; socket < size; socket++) {
			weights.add(((sockets >>> socket) & 1) == 1 ? 1 : 0);
		}
		return Objects.requireNonNull(
				SteeringProgramCompiler.compile(new SteeringDecision(SteeringMode.HEALTH, weights, List.of())));
	}

}
