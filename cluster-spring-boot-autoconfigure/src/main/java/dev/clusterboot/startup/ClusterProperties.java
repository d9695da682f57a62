package dev.clusterboot.startup;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.clusterboot.caches.ClusterCachesProperties;
import dev.clusterboot.leadership.ClusterLeadershipProperties;
import dev.clusterboot.leadership.ClusterSchedulingProperties;
import dev.clusterboot.messages.ClusterMessagesProperties;
import dev.clusterboot.priority.ClusterBootPriorityProperties;
import dev.clusterboot.properties.ClusterLimits;
import dev.clusterboot.properties.PropertyBounds;
import dev.clusterboot.statewarnings.StateWarningsProperties;
import dev.clusterboot.steering.ClusterSteeringProperties;
import dev.clusterboot.supervision.properties.ClusterHeartbeatProperties;
import dev.clusterboot.supervision.properties.ClusterRestartProperties;
import dev.clusterboot.supervision.properties.ClusterShutdownProperties;

/**
 * Configuration properties for cluster mode.
 *
 * @author cluster-spring-boot-starter
 */
@ConfigurationProperties("cluster")
public class ClusterProperties {

	/**
	 * Whether cluster mode may start. When false, the application runs as a single
	 * process even if 'cluster.workers' is set.
	 */
	private boolean enabled = true;

	/**
	 * Number of worker processes: a whole number from 1 to 64, or 'auto' for one per
	 * available processor. When unset, the application runs as a single process.
	 */
	private @Nullable String workers;

	/**
	 * Number of standby workers to keep: started processes that serve nothing until one
	 * is promoted into the slot of a worker that exits, is replaced or is added. Each
	 * costs a worker's memory. From 0 to 64.
	 */
	private int standbyWorkers = 0;

	@NestedConfigurationProperty
	private final ClusterWorkerProperties worker = new ClusterWorkerProperties();

	@NestedConfigurationProperty
	private final ClusterRestartProperties restart = new ClusterRestartProperties();

	@NestedConfigurationProperty
	private final ClusterShutdownProperties shutdown = new ClusterShutdownProperties();

	@NestedConfigurationProperty
	private final ClusterHeartbeatProperties heartbeat = new ClusterHeartbeatProperties();

	@NestedConfigurationProperty
	private final ClusterHealthProperties health = new ClusterHealthProperties();

	@NestedConfigurationProperty
	private final ClusterMetricsProperties metrics = new ClusterMetricsProperties();

	@NestedConfigurationProperty
	private final ClusterBootPriorityProperties bootPriority = new ClusterBootPriorityProperties();

	@NestedConfigurationProperty
	private final ClusterMessagesProperties messages = new ClusterMessagesProperties();

	@NestedConfigurationProperty
	private final ClusterCachesProperties caches = new ClusterCachesProperties();

	@NestedConfigurationProperty
	private final ClusterSchedulingProperties scheduling = new ClusterSchedulingProperties();

	@NestedConfigurationProperty
	private final ClusterLeadershipProperties leadership = new ClusterLeadershipProperties();

	@NestedConfigurationProperty
	private final StateWarningsProperties stateWarnings = new StateWarningsProperties();

	@NestedConfigurationProperty
	private final ClusterSteeringProperties steering = new ClusterSteeringProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getWorkers() {
		return this.workers;
	}

	public void setWorkers(@Nullable String workers) {
		this.workers = workers;
	}

	public int getStandbyWorkers() {
		return this.standbyWorkers;
	}

	public void setStandbyWorkers(int standbyWorkers) {
		this.standbyWorkers = PropertyBounds.check("cluster.standby-workers", standbyWorkers, 0,
				ClusterLimits.MAX_WORKERS);
	}

	public ClusterWorkerProperties getWorker() {
		return this.worker;
	}

	public ClusterRestartProperties getRestart() {
		return this.restart;
	}

	public ClusterShutdownProperties getShutdown() {
		return this.shutdown;
	}

	public ClusterHeartbeatProperties getHeartbeat() {
		return this.heartbeat;
	}

	public ClusterHealthProperties getHealth() {
		return this.health;
	}

	public ClusterMetricsProperties getMetrics() {
		return this.metrics;
	}

	public ClusterBootPriorityProperties getBootPriority() {
		return this.bootPriority;
	}

	public ClusterMessagesProperties getMessages() {
		return this.messages;
	}

	public ClusterCachesProperties getCaches() {
		return this.caches;
	}

	public ClusterSchedulingProperties getScheduling() {
		return this.scheduling;
	}

	public ClusterLeadershipProperties getLeadership() {
		return this.leadership;
	}

	public StateWarningsProperties getStateWarnings() {
		return this.stateWarnings;
	}

	public ClusterSteeringProperties getSteering() {
		return this.steering;
	}

	/**
	 * Resolve {@code cluster.workers} to a number of workers.
	 * @param availableProcessors the processors available to the JVM, used for
	 * {@code auto}
	 * @return the number of workers, from 1 to {@link ClusterLimits#MAX_WORKERS}
	 * @throws InvalidConfigurationPropertyValueException if the value is not a whole number
	 * in range or {@code auto}
	 */
	public int resolveWorkers(int availableProcessors) {
		String value = (this.workers != null) ? this.workers.trim() : "";
		if ("auto".equalsIgnoreCase(value)) {
			return Math.min(Math.max(availableProcessors, 1), ClusterLimits.MAX_WORKERS);
		}
		try {
			int count = Integer.parseInt(value);
			if (count >= 1 && count <= ClusterLimits.MAX_WORKERS) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException("cluster.workers", this.workers,
				"Must be a whole number from 1 to " + ClusterLimits.MAX_WORKERS
						+ ", or 'auto' for one worker per available processor (" + availableProcessors
						+ " here). Remove the property to run a single process.");
	}

}
