package dev.clusterboot.steering;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestLoad}.
 */
class RequestLoadTests {

	private final RequestLoad load = new RequestLoad();

	@Test
	void aStartedRequestIsInFlightUntilItCompletes() {
		this.load.started();
		this.load.started();
		assertThat(this.load.inFlight()).isEqualTo(2);
		assertThat(this.load.completedCount()).isZero();
		this.load.completed();
		assertThat(this.load.inFlight()).isOne();
		assertThat(this.load.completedCount()).isOne();
	}

	@Test
	void countsEveryRequestOfManyThreadsAtOnce() throws InterruptedException {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 10_000; i++) {
			threads.execute(() -> {
				this.load.started();
				this.load.completed();
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.load.inFlight()).isZero();
		assertThat(this.load.completedCount()).isEqualTo(10_000);
	}

	@Test
	void neverReportsANegativeNumberInFlight() {
		this.load.completed();
		assertThat(this.load.inFlight()).isZero();
	}

}
