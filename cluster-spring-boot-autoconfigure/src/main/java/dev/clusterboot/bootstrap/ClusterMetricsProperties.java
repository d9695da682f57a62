package dev.clusterboot.bootstrap;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How workers report the cluster's meters.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterMetricsProperties {

	/**
	 * How long the worker answering a Prometheus scrape waits for the other workers'
	 * meters; a worker that has not answered by then is left out of that scrape.
	 */
	private Duration scrapeTimeout = Duration.ofSeconds(2);

	public Duration getScrapeTimeout() {
		return this.scrapeTimeout;
	}

	public void setScrapeTimeout(Duration scrapeTimeout) {
		Assert.isTrue(!scrapeTimeout.isNegative() && !scrapeTimeout.isZero(),
				"'cluster.metrics.scrape-timeout' must be positive");
		this.scrapeTimeout = scrapeTimeout;
	}

}
