package dev.clusterboot.startup;

import java.time.Duration;

import dev.clusterboot.properties.PropertyBounds;

/**
 * How workers report the cluster's meters.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterMetricsProperties {

	/**
	 * How long the worker answering a Prometheus scrape waits for the other workers'
	 * meters; a worker that has not answered by then is left out of that scrape. From
	 * 10ms to 1m.
	 */
	private Duration scrapeTimeout = Duration.ofSeconds(2);

	public Duration getScrapeTimeout() {
		return this.scrapeTimeout;
	}

	public void setScrapeTimeout(Duration scrapeTimeout) {
		this.scrapeTimeout = PropertyBounds.check("cluster.metrics.scrape-timeout", scrapeTimeout,
				Duration.ofMillis(10), Duration.ofMinutes(1));
	}

}
