package dev.clusterboot.supervision;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.SteeringMode;
import dev.clusterboot.steering.SteeringSettings;

/**
 * What the master needs to know, resolved and validated from the {@code cluster.*} and
 * {@code server.*} properties before any worker starts.
 *
 * @param workers how many workers to start with
 * @param port the port every worker serves, or 0 for an application without a web server
 * @param connectionMigration whether {@code net.ipv4.tcp_migrate_req} is on, or
 * {@code null} when unknown
 * @param restart how workers that exit unexpectedly are restarted
 * @param timeouts how long a worker may take to start, stay silent and stop
 * @param recycling when a serving worker is replaced by a fresh one
 * @param standbyWorkers how many standby workers to keep ({@code cluster.standby-workers})
 * @param steering how new connections on the shared port are steered over the workers
 * @param sharedLock the lock the hosts' leaders contend for ({@code cluster.leadership.lock}),
 * or {@code null} when each host has a leader of its own
 * @author cluster-spring-boot-starter
 */
public record MasterSettings(int workers, int port, @Nullable Boolean connectionMigration, Restart restart,
		Timeouts timeouts, Recycling recycling, int standbyWorkers, Steering steering, @Nullable String sharedLock) {

	/**
	 * Create settings without connection steering or a shared lock.
	 * @param workers how many workers to start with
	 * @param port the port every worker serves, or 0
	 * @param connectionMigration whether {@code net.ipv4.tcp_migrate_req} is on
	 * @param restart how workers that exit unexpectedly are restarted
	 * @param timeouts how long a worker may take to start, stay silent and stop
	 * @param recycling when a serving worker is replaced by a fresh one
	 * @param standbyWorkers how many standby workers to keep
	 */
	public MasterSettings(int workers, int port, @Nullable Boolean connectionMigration, Restart restart,
			Timeouts timeouts, Recycling recycling, int standbyWorkers) {
		this(workers, port, connectionMigration, restart, timeouts, recycling, standbyWorkers, Steering.OFF, null);
	}

	/**
	 * Create settings without standby workers.
	 * @param workers how many workers to start with
	 * @param port the port every worker serves, or 0
	 * @param connectionMigration whether {@code net.ipv4.tcp_migrate_req} is on
	 * @param restart how workers that exit unexpectedly are restarted
	 * @param timeouts how long a worker may take to start, stay silent and stop
	 * @param recycling when a serving worker is replaced by a fresh one
	 */
	public MasterSettings(int workers, int port, @Nullable Boolean connectionMigration, Restart restart,
			Timeouts timeouts, Recycling recycling) {
		this(workers, port, connectionMigration, restart, timeouts, recycling, 0);
	}

	/**
	 * The {@code cluster.restart.*} settings.
	 *
	 * @param initialBackoff the delay before the first restart after a failed start
	 * @param maxBackoff the longest delay between restarts
	 * @param multiplier the factor by which each failed start in a row lengthens the delay
	 * @param stableAfter how long a worker must stay ready for its start to count as
	 * successful
	 * @param maxFailedStarts failed starts in a row after which a slot is given up
	 */
	public record Restart(Duration initialBackoff, Duration maxBackoff, double multiplier, Duration stableAfter,
			int maxFailedStarts) {
	}

	/**
	 * The master's deadlines for a worker.
	 *
	 * @param boot how long a worker may take to become ready
	 * @param heartbeat how long a ready worker may stay silent before it counts as hung
	 * @param drainPeriod how long a leaving worker serves what it accepted before shutting
	 * down
	 * @param shutdown how long a worker may take to stop before it is killed
	 */
	public record Timeouts(Duration boot, Duration heartbeat, Duration drainPeriod, Duration shutdown) {
	}

	/**
	 * The {@code cluster.worker.max-*} settings.
	 *
	 * @param maxRequests requests after which a worker is recycled, or 0
	 * @param maxRequestsJitter random extra requests per worker
	 * @param maxHeapAfterGcBytes heap bytes after a collection above which a worker is
	 * recycled, or 0
	 */
	public record Recycling(long maxRequests, long maxRequestsJitter, long maxHeapAfterGcBytes) {
	}

	/**
	 * The {@code cluster.steering.*} settings.
	 *
	 * @param mode how new connections are steered, {@link SteeringMode#OFF} for the
	 * kernel's hash
	 * @param thresholds when a worker is unresponsive or stalled, and when new weights are
	 * worth a new program
	 */
	public record Steering(SteeringMode mode, SteeringSettings thresholds) {

		/**
		 * No steering: the kernel's hash spreads new connections.
		 */
		public static final Steering OFF = new Steering(SteeringMode.OFF, SteeringSettings.DEFAULTS);

	}

}
