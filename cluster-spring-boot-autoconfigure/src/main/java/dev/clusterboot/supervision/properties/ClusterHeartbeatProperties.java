package dev.clusterboot.supervision.properties;

import java.time.Duration;

import dev.clusterboot.properties.PropertyBounds;

/**
 * How workers report to the master.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterHeartbeatProperties {

	/**
	 * How often each worker reports its readiness and health to the master. From 10ms to
	 * 1m.
	 */
	private Duration interval = Duration.ofSeconds(1);

	/**
	 * How long the master waits for a heartbeat from a ready worker before it takes the
	 * worker for hung, asks it for a thread dump, kills and replaces it. From 100ms to
	 * 1h.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = PropertyBounds.check("cluster.heartbeat.timeout", timeout, Duration.ofMillis(100),
				Duration.ofHours(1));
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = PropertyBounds.check("cluster.heartbeat.interval", interval, Duration.ofMillis(10),
				Duration.ofMinutes(1));
	}

}
