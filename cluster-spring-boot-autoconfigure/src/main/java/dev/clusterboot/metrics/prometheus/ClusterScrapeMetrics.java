package dev.clusterboot.metrics.prometheus;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the meter of this worker's cluster scrapes, registered at zero:
 * {@value #MISSED}, a counter of the workers left out of the Prometheus scrapes this
 * worker answered because they did not answer in time. Each merged scrape also carries
 * {@value ScrapeMerger#MISSING_WORKERS}, the count for that scrape alone.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterScrapeMetrics implements MeterBinder {

	/**
	 * Name of the counter of workers left out of scrapes.
	 */
	public static final String MISSED = "cluster.scrape.missed";

	private final AtomicLong missed = new AtomicLong();

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(MISSED, this.missed, AtomicLong::get)
			.description("Workers left out of the Prometheus scrapes this worker answered, for not answering in time")
			.baseUnit("workers")
			.register(registry);
	}

	/**
	 * Count workers left out of one scrape.
	 * @param workers how many
	 */
	void missed(int workers) {
		this.missed.addAndGet(workers);
	}

}
