package dev.clusterboot.steering.least;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AttachTurn}, through two mappings of one table as two processes see it,
 * with real process ids.
 */
class AttachTurnTests {

	@Test
	void theTurnIsOneProcessAtATimeAndATurnHeldByAProcessThatIsGoneIsTakenOver(@TempDir Path directory)
			throws Exception {
		long self = ProcessHandle.current().pid();
		long parent = ProcessHandle.current().parent().orElseThrow().pid();
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();
		InFlightTable table = InFlightTable.map(directory);
		InFlightTable othersView = InFlightTable.map(directory);
		assertThat(othersView.turn().tryTake(parent)).isTrue();
		assertThat(table.turn().tryTakeOver(self)).as("held by a live process").isFalse();
		assertThat(othersView.turn().tryTake(parent)).as("not again by its holder").isFalse();
		table.turn().giveBack(self);
		assertThat(table.turn().tryTake(self)).as("given back only by its holder").isFalse();
		othersView.turn().giveBack(parent);
		assertThat(othersView.turn().tryTake(exited.pid())).isTrue();
		assertThat(table.turn().tryTake(self)).as("a compare-and-set alone").isFalse();
		assertThat(table.turn().tryTakeOver(self)).as("held by a process that is gone").isTrue();
	}

}
