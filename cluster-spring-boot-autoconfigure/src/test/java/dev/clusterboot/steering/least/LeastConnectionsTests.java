package dev.clusterboot.steering.least;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clusterboot.steering.bpf.BpfProgram;
import dev.clusterboot.steering.kernel.SteeringUnavailableException;
import dev.clusterboot.steering.kernel.SteeringUnavailableReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeastConnections}, on a real table and a recorded attach.
 */
class LeastConnectionsTests {

	private static final long PID = 12;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger slow = new AtomicInteger();

	private final AtomicBoolean inGroup = new AtomicBoolean(true);

	private final List<BpfProgram> attached = new ArrayList<>();

	@Test
	void aChangeAttachesOnlyWhenTheChoiceInPlaceSendsConnectionsToABusierSocket(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, PID), List.of(true, true));
		LeastConnections least = least(table);
		this.inFlight.set(1);
		least.changed();
		assertThat(this.attached).containsExactly(program(true, false, new int[] { 0, 1 }));
		assertThat(table.inFlight(1)).isEqualTo(1);
		least.changed();
		assertThat(this.attached).hasSize(1);
		this.inFlight.set(0);
		least.changed();
		assertThat(this.attached).as("a tie that the choice in place is part of").hasSize(1);
		table.inFlight(0, 3);
		this.inFlight.set(2);
		least.changed();
		assertThat(this.attached).as("the socket in place no longer the least")
			.hasSize(2)
			.last()
			.isEqualTo(program(true, true, new int[] { 3, 2 }));
	}

	@Test
	void aWorkerWritesItsSlowRequestsAndOneWithASlowRequestIsNotChosen(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, PID), List.of(true, true));
		table.inFlight(0, 2);
		this.inFlight.set(1);
		this.slow.set(1);
		least(table).changed();
		assertThat(table.slow(1)).isEqualTo(1);
		assertThat(this.attached).containsExactly(program(true, false, new int[] { 0, 1 }));
	}

	@Test
	void theMastersProgramMakesTheNextChangeAttachAgain(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, PID), List.of(true, true));
		LeastConnections least = least(table);
		least.changed();
		least.programReplaced();
		least.changed();
		assertThat(this.attached).hasSize(2);
	}

	@Test
	void aWorkerOutsideTheGroupOrTheTableAttachesNothing(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L), List.of(true));
		LeastConnections least = least(table);
		least.changed();
		table.writeGroup(List.of(11L, PID), List.of(true, true));
		this.inGroup.set(false);
		least.changed();
		assertThat(this.attached).isEmpty();
	}

	@Test
	void aWorkerThatTheMasterExcludedIsNotChosen(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, PID), List.of(false, true));
		table.inFlight(0, 0);
		this.inFlight.set(3);
		least(table).changed();
		assertThat(this.attached).containsExactly(program(false, true, new int[] { 0, 3 }));
	}

	@Test
	void anAttachThatFailsStopsTheChoosing(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, PID), List.of(true, true));
		AtomicInteger attempts = new AtomicInteger();
		LeastConnections least = new LeastConnections(table, PID, this.inFlight::get, this.slow::get, this.inGroup::get,
				(program) -> {
					attempts.incrementAndGet();
					throw new SteeringUnavailableException(SteeringUnavailableReason.KERNEL_REFUSED, "EPERM", null);
				});
		least.changed();
		this.inFlight.set(2);
		least.changed();
		assertThat(attempts).hasValue(1);
	}

	private LeastConnections least(InFlightTable table) {
		return new LeastConnections(table, PID, this.inFlight::get, this.slow::get, this.inGroup::get, this.attached::add);
	}

	private static BpfProgram program(boolean first, boolean second, int[] inFlight) {
		return LeastChoice.program(LeastChoice.choose(new boolean[] { first, second }, inFlight, new int[2]));
	}

}
