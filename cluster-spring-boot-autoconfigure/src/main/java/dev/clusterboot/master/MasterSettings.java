package dev.clusterboot.master;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import dev.clusterboot.autoconfigure.ClusterProperties;

/**
 * What the master needs to know, resolved and validated from the {@code cluster.*} and
 * {@code server.*} properties before any worker starts.
 *
 * @param workers how many workers to start with
 * @param port the port every worker serves, or 0 for an application without a web server
 * @param restartPolicy how to restart workers that exit unexpectedly
 * @param shutdownTimeout how long a worker may take to stop before it is killed
 * @param drainPeriod how long a leaving worker serves what it accepted before shutting
 * down
 * @param bootTimeout how long a worker may take to become ready
 * @param heartbeatTimeout how long a ready worker may stay silent before it counts as
 * hung
 * @param maxRequests requests after which a worker is recycled, or 0
 * @param maxRequestsJitter random extra requests per worker
 * @param maxHeapAfterGc heap bytes after a collection above which a worker is recycled,
 * or 0
 * @param connectionMigration whether {@code net.ipv4.tcp_migrate_req} is on, or
 * {@code null} when unknown
 * @author cluster-spring-boot-starter
 */
record MasterSettings(int workers, int port, RestartPolicy restartPolicy, Duration shutdownTimeout,
		Duration drainPeriod, Duration bootTimeout, Duration heartbeatTimeout, long maxRequests, long maxRequestsJitter,
		long maxHeapAfterGc, @Nullable Boolean connectionMigration) {

	static MasterSettings of(ClusterProperties properties, int workers, int port,
			@Nullable Boolean connectionMigration) {
		DataSize maxMemory = properties.getWorker().getMaxMemory();
		return new MasterSettings(workers, port, new RestartPolicy(properties.getRestart()),
				properties.getShutdown().getTimeout(), properties.getShutdown().getDrainPeriod(),
				properties.getWorker().getBootTimeout(), properties.getHeartbeat().getTimeout(),
				properties.getWorker().getMaxRequests(), properties.getWorker().getMaxRequestsJitter(),
				(maxMemory != null) ? maxMemory.toBytes() : 0, connectionMigration);
	}

}
