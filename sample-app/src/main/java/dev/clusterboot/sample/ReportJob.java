package dev.clusterboot.sample;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.clusterboot.api.LeaderOnly;

/**
 * A job that must run once per period for the whole cluster, like a nightly report or a
 * poll of another system: every 5 seconds ({@code sample.jobs.period}), on the cluster's
 * leader only. {@link LeaderOnly @LeaderOnly} keeps it so with
 * {@code cluster.scheduling.leader-only=marked} too.
 *
 * @author cluster-spring-boot-starter
 */
@Component
class ReportJob {

	private final AtomicLong runs = new AtomicLong();

	private final AtomicReference<@Nullable Instant> lastRunAt = new AtomicReference<>();

	@LeaderOnly
	@Scheduled(fixedRateString = "${sample.jobs.period:5s}")
	void report() {
		this.runs.incrementAndGet();
		this.lastRunAt.set(Instant.now());
	}

	long runs() {
		return this.runs.get();
	}

	@Nullable Instant lastRunAt() {
		return this.lastRunAt.get();
	}

}
