package dev.clusterboot.supervision.properties;

import java.time.Duration;

import dev.clusterboot.properties.PropertyBounds;

/**
 * How the master stops workers.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterShutdownProperties {

	/**
	 * How long a worker may take to finish Boot's graceful shutdown before the master
	 * kills it. Keep it above 'spring.lifecycle.timeout-per-shutdown-phase'. From 1s to
	 * 1h.
	 */
	private Duration timeout = Duration.ofSeconds(35);

	/**
	 * How long a worker that has left the port's group keeps serving the connections
	 * it already accepted before it starts Boot's graceful shutdown. From 0ms to 10m.
	 */
	private Duration drainPeriod = Duration.ofSeconds(1);

	public Duration getDrainPeriod() {
		return this.drainPeriod;
	}

	public void setDrainPeriod(Duration drainPeriod) {
		this.drainPeriod = PropertyBounds.check("cluster.shutdown.drain-period", drainPeriod, Duration.ZERO,
				Duration.ofMinutes(10));
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = PropertyBounds.check("cluster.shutdown.timeout", timeout, Duration.ofSeconds(1),
				Duration.ofHours(1));
	}

}
