package dev.clusterboot.steering.least;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.clusterboot.steering.CbpfInterpreter;
import dev.clusterboot.steering.SteeringProgramCompiler;
import dev.clusterboot.steering.bpf.BpfProgram;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeastChoice}: its choice, and where the program it compiles sends new
 * connections, run through a classic BPF interpreter.
 */
class LeastChoiceTests {

	@Test
	void choosesTheSocketWithTheFewestRequestsInFlight() {
		long choice = LeastChoice.choose(new boolean[] { true, true, true }, new int[] { 2, 0, 1 }, new int[3]);
		assertThat(sockets(LeastChoice.program(choice))).containsExactly(1L);
	}

	@Test
	void aSocketWithASlowRequestGetsNoNewConnectionsWhileAnotherServesOnlyFreshOnes() {
		long choice = LeastChoice.choose(new boolean[] { true, true }, new int[] { 1, 2 }, new int[] { 1, 0 });
		assertThat(sockets(LeastChoice.program(choice))).containsExactly(1L);
	}

	@Test
	void amongSocketsWithSlowRequestsTheFewestSlowThenTheFewestInFlightAreChosen() {
		long choice = LeastChoice.choose(new boolean[] { true, true, true }, new int[] { 2, 1, 3 },
				new int[] { 2, 1, 1 });
		assertThat(sockets(LeastChoice.program(choice))).containsExactly(1L);
	}

	@Test
	void socketsThatTieShareTheNewConnections() {
		long choice = LeastChoice.choose(new boolean[] { true, true, true }, new int[] { 1, 3, 1 }, new int[3]);
		assertThat(sockets(LeastChoice.program(choice))).containsExactly(0L, 2L);
	}

	@Test
	void aSocketThatMayNotTakeConnectionsIsNeverChosenHoweverIdle() {
		long choice = LeastChoice.choose(new boolean[] { false, true }, new int[] { 0, 5 }, new int[2]);
		assertThat(sockets(LeastChoice.program(choice))).containsExactly(1L);
	}

	@Test
	void withNoSocketThatMayTakeConnectionsTheKernelsHashChooses() {
		long choice = LeastChoice.choose(new boolean[] { false, false }, new int[] { 0, 0 }, new int[2]);
		assertThat(sockets(LeastChoice.program(choice)))
			.containsExactly((long) SteeringProgramCompiler.FALLBACK & 0xFFFFFFFFL);
	}

	@Test
	void everyChoiceDiffersFromUnknownAndTheSameCountsGiveTheSameChoice() {
		boolean[] eligible = { true, true };
		assertThat(LeastChoice.choose(eligible, new int[] { 0, 0 }, new int[2])).isNotEqualTo(LeastChoice.UNKNOWN)
			.isEqualTo(LeastChoice.choose(eligible, new int[] { 4, 4 }, new int[2]));
		assertThat(LeastChoice.choose(new boolean[] { false }, new int[] { 0 }, new int[1]))
			.isNotEqualTo(LeastChoice.UNKNOWN);
	}

	@Test
	void theChoiceInPlaceStaysWhileEverySocketItChoosesIsStillAmongTheLeast() {
		boolean[] eligible = { true, true, true };
		long first = LeastChoice.choose(eligible, new int[] { 0, 1, 1 }, new int[3]);
		assertThat(LeastChoice.keeps(first, LeastChoice.choose(eligible, new int[] { 0, 0, 1 }, new int[3])))
			.as("a wider tie").isTrue();
		assertThat(LeastChoice.keeps(first, LeastChoice.choose(eligible, new int[] { 1, 0, 1 }, new int[3])))
			.as("another socket the least").isFalse();
		assertThat(LeastChoice.keeps(first, LeastChoice.choose(new boolean[] { false, true, true },
				new int[] { 0, 1, 1 }, new int[3])))
			.as("its socket no longer eligible").isFalse();
		assertThat(LeastChoice.keeps(LeastChoice.UNKNOWN, first)).isFalse();
		long none = LeastChoice.choose(new boolean[] { false, false }, new int[2], new int[2]);
		assertThat(LeastChoice.keeps(none, none)).isTrue();
		assertThat(LeastChoice.keeps(none, first)).as("the hash, where a socket may be chosen").isFalse();
	}

	private static Set<Long> sockets(BpfProgram program) {
		Set<Long> sockets = new TreeSet<>();
		for (long random = 0; random < (1L << 32); random += (1L << 24)) {
			sockets.add(CbpfInterpreter.run(program, CbpfInterpreter.Packet.ipv4("10.0.0.1", (int) random)));
		}
		return sockets;
	}

}
