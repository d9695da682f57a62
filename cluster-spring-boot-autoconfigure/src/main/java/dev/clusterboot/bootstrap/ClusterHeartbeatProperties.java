package dev.clusterboot.bootstrap;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How workers report to the master.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterHeartbeatProperties {

	/**
	 * How often each worker reports its readiness and health to the master.
	 */
	private Duration interval = Duration.ofSeconds(1);

	/**
	 * How long the master waits for a heartbeat from a ready worker before it takes
	 * the worker for hung, asks it for a thread dump, kills and replaces it.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'cluster.heartbeat.timeout' must be positive");
		this.timeout = timeout;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'cluster.heartbeat.interval' must be positive");
		this.interval = interval;
	}

}
