package dev.clusterboot.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /park} parks only the process it names, and for as long as it is asked.
 */
class ParkControllerTests {

	@Test
	void anotherProcessAnswersMisdirectedAtOnce() {
		long started = System.nanoTime();
		assertThat(new ParkController().park(10_000, ProcessHandle.current().pid() + 1).getStatusCode().value())
			.isEqualTo(421);
		assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
	}

	@Test
	void theNamedProcessParksItsThreadForTheTimeAsked() {
		long started = System.nanoTime();
		assertThat(new ParkController().park(200, ProcessHandle.current().pid()).getStatusCode().value())
			.isEqualTo(200);
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(200_000_000L);
	}

}
