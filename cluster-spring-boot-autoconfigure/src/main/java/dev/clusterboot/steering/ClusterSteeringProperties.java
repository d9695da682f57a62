package dev.clusterboot.steering;

import java.time.Duration;

import dev.clusterboot.properties.PropertyBounds;

/**
 * Configuration properties of connection steering ({@code cluster.steering.*}).
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterSteeringProperties {

	/**
	 * The mode when {@code cluster.steering.mode} is not set.
	 */
	public static final SteeringMode DEFAULT_MODE = SteeringMode.LEAST;

	/**
	 * How the master steers new connections over the workers: 'load' (the default),
	 * 'health', 'least' or 'sticky' attach a program to the port, 'off' leaves it to the
	 * kernel's hash. With 'least' the workers choose at every request the ones with the
	 * fewest requests in flight.
	 */
	private SteeringMode mode = DEFAULT_MODE;

	/**
	 * How often a worker in the port's group reports its load to the master, from 10ms to
	 * 10s.
	 */
	private Duration reportInterval = Duration.ofMillis(100);

	/**
	 * How long a request may be in flight before it counts as slow, from 1ms to 10s: a
	 * worker reports a change of its slow requests at once (checked this often, at most
	 * every report interval), and a slow request lowers its share most; with {@code least}
	 * a worker with fewer slow requests is always the less busy.
	 */
	private Duration slowAfter = Duration.ofMillis(5);

	/**
	 * How long a worker may send no report before it gets no new connections, from 50ms
	 * to 1h.
	 */
	private Duration unresponsiveAfter = Duration.ofMillis(500);

	/**
	 * How long a worker may have requests in flight and complete none before it gets no
	 * new connections, from 50ms to 1h.
	 */
	private Duration stalledAfter = Duration.ofSeconds(1);

	public SteeringMode getMode() {
		return this.mode;
	}

	public void setMode(SteeringMode mode) {
		this.mode = mode;
	}

	public Duration getReportInterval() {
		return this.reportInterval;
	}

	public void setReportInterval(Duration reportInterval) {
		this.reportInterval = PropertyBounds.check("cluster.steering.report-interval", reportInterval,
				Duration.ofMillis(10), Duration.ofSeconds(10));
	}

	public Duration getSlowAfter() {
		return this.slowAfter;
	}

	public void setSlowAfter(Duration slowAfter) {
		this.slowAfter = PropertyBounds.check("cluster.steering.slow-after", slowAfter, Duration.ofMillis(1),
				Duration.ofSeconds(10));
	}

	public Duration getUnresponsiveAfter() {
		return this.unresponsiveAfter;
	}

	public void setUnresponsiveAfter(Duration unresponsiveAfter) {
		this.unresponsiveAfter = PropertyBounds.check("cluster.steering.unresponsive-after", unresponsiveAfter,
				Duration.ofMillis(50), Duration.ofHours(1));
	}

	public Duration getStalledAfter() {
		return this.stalledAfter;
	}

	public void setStalledAfter(Duration stalledAfter) {
		this.stalledAfter = PropertyBounds.check("cluster.steering.stalled-after", stalledAfter,
				Duration.ofMillis(50), Duration.ofHours(1));
	}

}
