package dev.clusterboot.steering.worker;

import java.time.Duration;
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
		long first = this.load.started();
		this.load.started();
		assertThat(this.load.inFlight()).isEqualTo(2);
		assertThat(this.load.completedCount()).isZero();
		this.load.completed(first);
		assertThat(this.load.inFlight()).isOne();
		assertThat(this.load.completedCount()).isOne();
	}

	@Test
	void aRequestInFlightForLongerThanTheThresholdIsSlowUntilItCompletes() {
		long before = System.nanoTime();
		long slow = this.load.started();
		long after = System.nanoTime();
		Duration threshold = Duration.ofMillis(5);
		assertThat(this.load.slow(before + threshold.toNanos(), threshold)).isZero();
		this.load.started();
		long later = after + threshold.toNanos() + 1;
		assertThat(this.load.slow(later, threshold)).isOne();
		this.load.completed(slow);
		assertThat(this.load.slow(later, threshold)).isZero();
		assertThat(this.load.inFlight()).isOne();
	}

	@Test
	void countsEveryRequestOfManyThreadsAtOnce() throws InterruptedException {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 10_000; i++) {
			threads.execute(() -> {
				this.load.completed(this.load.started());
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.load.inFlight()).isZero();
		assertThat(this.load.completedCount()).isEqualTo(10_000);
	}

	@Test
	void neverReportsANegativeNumberInFlight() {
		this.load.completed(42);
		assertThat(this.load.inFlight()).isZero();
	}

}
