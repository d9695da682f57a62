package dev.clusterboot.api.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The worker the master has named its host's leader, and how far its lead reaches:
 * without a shared lock it is the cluster's leader, on which leader-only
 * {@code @Scheduled} methods run; with one, it leads across hosts only while it holds
 * the lock.
 *
 * @param worker the leader's slot id
 * @param pid the leader's process id
 * @param since when the master granted it leadership
 * @param scope {@link LeadershipScope#HOST} when each host has a leader of its own,
 * {@link LeadershipScope#ALL_HOSTS} when the hosts' leaders contend for a shared lock
 * @param lock the shared lock and whether this host holds it, or {@code null} without
 * one
 * @author cluster-spring-boot-starter
 */
public record LeaderStatus(int worker, long pid, Instant since, LeadershipScope scope,
		@Nullable SharedLockStatus lock) {

	/**
	 * The shared lock that the leaders of every host contend for
	 * ({@code cluster.leadership.lock}).
	 *
	 * @param key the lock's name in the application's {@code LockRegistry}
	 * @param held whether this host's leader holds it, and so leads across hosts
	 * @param since when this host's leader last took it, or {@code null} while it does
	 * not hold it
	 */
	public record SharedLockStatus(String key, boolean held, @Nullable Instant since) {

	}

}
