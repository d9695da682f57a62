package dev.clusterboot.bootstrap;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the master stops workers.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterShutdownProperties {

	/**
	 * How long a worker may take to finish Boot's graceful shutdown before the master
	 * kills it. Keep it above 'spring.lifecycle.timeout-per-shutdown-phase'.
	 */
	private Duration timeout = Duration.ofSeconds(35);

	/**
	 * How long a worker that has left the port's group keeps serving the connections
	 * it already accepted before it starts Boot's graceful shutdown.
	 */
	private Duration drainPeriod = Duration.ofSeconds(1);

	public Duration getDrainPeriod() {
		return this.drainPeriod;
	}

	public void setDrainPeriod(Duration drainPeriod) {
		Assert.isTrue(!drainPeriod.isNegative(), "'cluster.shutdown.drain-period' must not be negative");
		this.drainPeriod = drainPeriod;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'cluster.shutdown.timeout' must be positive");
		this.timeout = timeout;
	}

}
