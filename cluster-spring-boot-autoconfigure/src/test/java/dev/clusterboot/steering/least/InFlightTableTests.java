package dev.clusterboot.steering.least;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InFlightTable}: two mappings of one file, as the master and a worker
 * have, see each other's writes.
 */
class InFlightTableTests {

	@Test
	void theMastersGroupAndAWorkersCountAreSeenThroughAnotherMapping(@TempDir Path directory) {
		InFlightTable master = InFlightTable.map(directory);
		InFlightTable worker = InFlightTable.map(directory);
		int before = worker.generation();
		master.writeGroup(List.of(11L, 12L), List.of(true, false));
		assertThat(worker.generation()).isEqualTo(before + 1);
		assertThat(worker.size()).isEqualTo(2);
		assertThat(worker.socketOf(12)).isEqualTo(1);
		assertThat(worker.socketOf(13)).isEqualTo(-1);
		assertThat(worker.eligible(0)).isTrue();
		assertThat(worker.eligible(1)).isFalse();
		worker.inFlight(1, 3);
		worker.slow(1, 2);
		assertThat(master.inFlight(1)).isEqualTo(3);
		assertThat(master.slow(1)).isEqualTo(2);
		worker.placed(42);
		assertThat(master.placed()).isEqualTo(42);
	}

	@Test
	void aSocketThatChangesHandsStartsWithNothingInFlight(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L, 12L), List.of(true, true));
		table.inFlight(0, 5);
		table.inFlight(1, 7);
		table.slow(0, 1);
		table.writeGroup(List.of(12L), List.of(true));
		assertThat(table.size()).isEqualTo(1);
		assertThat(table.socketOf(11)).isEqualTo(-1);
		assertThat(table.inFlight(0)).isZero();
		assertThat(table.slow(0)).isZero();
	}

	@Test
	void aGroupLargerThanTheTableIsWrittenEmpty(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		List<Long> pids = LongStream.rangeClosed(1, InFlightTable.MAX_SOCKETS + 1).boxed().toList();
		table.writeGroup(pids, pids.stream().map((pid) -> true).toList());
		assertThat(table.size()).isZero();
		assertThat(table.socketOf(1)).isEqualTo(-1);
	}

	@Test
	void anEmptyGroupHasNoSocket(@TempDir Path directory) {
		InFlightTable table = InFlightTable.map(directory);
		table.writeGroup(List.of(11L), List.of(true));
		table.writeGroup(List.of(), List.of());
		assertThat(table.size()).isZero();
		assertThat(table.socketOf(11)).isEqualTo(-1);
	}

}
