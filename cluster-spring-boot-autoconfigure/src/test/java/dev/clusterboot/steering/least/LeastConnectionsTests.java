package dev.clusterboot.steering.least;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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
		least.replaceProgram(() -> this.attached.add(program(true, true, new int[2])));
		least.changed();
		assertThat(this.attached).hasSize(3);
	}

	@Test
	void theMastersProgramWaitsForTheTurnOfAWorkerThatIsAttaching(@TempDir Path directory) throws Exception {
		long other = ProcessHandle.current().parent().orElseThrow().pid();
		InFlightTable table = InFlightTable.map(directory);
		InFlightTable othersView = InFlightTable.map(directory);
		assertThat(othersView.turn().tryTake(other)).isTrue();
		AtomicBoolean released = new AtomicBoolean();
		Thread holder = new Thread(() -> {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			released.set(true);
			othersView.turn().giveBack(other);
		});
		holder.start();
		AtomicBoolean attachedAfterRelease = new AtomicBoolean();
		least(table).replaceProgram(() -> attachedAfterRelease.set(released.get()));
		holder.join();
		assertThat(attachedAfterRelease).isTrue();
	}

	@Test
	void theMastersProgramIsAttachedWhenTheWorkerInTheTurnDoesNotGiveItBack(@TempDir Path directory) {
		long other = ProcessHandle.current().parent().orElseThrow().pid();
		InFlightTable table = InFlightTable.map(directory);
		assertThat(InFlightTable.map(directory).turn().tryTake(other)).isTrue();
		AtomicBoolean attached = new AtomicBoolean();
		least(table).replaceProgram(() -> attached.set(true));
		assertThat(attached).isTrue();
	}

	@Test
	void aWorkerAttachesItsChoiceAgainWhenItHasNotAttachedForASecond(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, PID), List.of(true, true));
		AtomicLong now = new AtomicLong();
		LeastConnections least = new LeastConnections(table, PID, this.inFlight::get, this.slow::get,
				this.inGroup::get, this.attached::add, now::get);
		least.changed();
		now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
		least.changed();
		assertThat(this.attached).hasSize(1);
		now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
		least.changed();
		assertThat(this.attached).hasSize(2);
	}

	@Test
	void twoWorkersThatAttachAtOnceLeaveInPlaceTheProgramThatTheTableNames(@TempDir Path directory) {
		// two workers, as two processes would: each its own mapping of the table, each a live pid
		long first = ProcessHandle.current().pid();
		long second = ProcessHandle.current().parent().orElseThrow().pid();
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(first, second), List.of(true, true));
		AtomicReference<BpfProgram> kernel = new AtomicReference<>();
		AtomicInteger secondInFlight = new AtomicInteger();
		LeastConnections secondWorker = new LeastConnections(InFlightTable.map(directory), second, secondInFlight::get,
				() -> 0, () -> true, kernel::set);
		AtomicBoolean interleaved = new AtomicBoolean();
		LeastConnections firstWorker = new LeastConnections(table, first, () -> 1, () -> 0, () -> true, (program) -> {
			kernel.set(program);
			if (interleaved.compareAndSet(false, true)) {
				// the second worker's request starts while the first one's attach is under way
				secondInFlight.set(2);
				secondWorker.changed();
			}
		});
		firstWorker.changed();
		assertThat(kernel.get()).as("the program in the kernel is the one of the choice the table names")
			.isEqualTo(LeastChoice.program(table.placed()));
		secondWorker.changed();
		assertThat(kernel.get()).as("the next check sends new connections to the least busy worker")
			.isEqualTo(program(true, false, new int[] { 1, 2 }));
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
