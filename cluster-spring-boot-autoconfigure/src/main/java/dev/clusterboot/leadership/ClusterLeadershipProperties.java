package dev.clusterboot.leadership;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.clusterboot.properties.PropertyBounds;

/**
 * How far the cluster's lead reaches: over one host, as each master names its leader, or
 * over every host, through a lock in the application's Spring Integration
 * {@code LockRegistry} that the hosts' leaders contend for. The
 * {@code cluster.leadership} group of the cluster's properties.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterLeadershipProperties {

	/**
	 * Where this group sits in the cluster's properties.
	 */
	public static final String PREFIX = "cluster.leadership";

	/**
	 * The shortest time-to-live: the holder renews every fifth of it, a database round
	 * trip must fit well inside that.
	 */
	static final Duration MIN_TIME_TO_LIVE = Duration.ofSeconds(1);

	/**
	 * The longest time-to-live: past it, a dead host's lock would stop leader-only jobs
	 * everywhere for longer than any job's period is worth.
	 */
	static final Duration MAX_TIME_TO_LIVE = Duration.ofMinutes(5);

	/**
	 * Name of a lock in the application's LockRegistry bean that the leaders of every host contend for: only its holder runs leader-only jobs. Unset, each host has a leader of its own.
	 */
	private @Nullable String lock;

	/**
	 * How long the shared lock outlives its holder's last renewal, from 1s to 5m: a dead host's lead moves within it. The holder renews every fifth of it and stops leading half of it after its last renewal began.
	 */
	private Duration lockTimeToLive = Duration.ofSeconds(10);

	public @Nullable String getLock() {
		return this.lock;
	}

	public void setLock(@Nullable String lock) {
		if (lock != null && lock.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".lock", lock,
					"must name a lock in the application's LockRegistry, or be removed for a leader per host");
		}
		this.lock = (lock != null) ? lock.trim() : null;
	}

	public Duration getLockTimeToLive() {
		return this.lockTimeToLive;
	}

	public void setLockTimeToLive(Duration lockTimeToLive) {
		this.lockTimeToLive = PropertyBounds.check(PREFIX + ".lock-time-to-live", lockTimeToLive, MIN_TIME_TO_LIVE,
				MAX_TIME_TO_LIVE);
	}

}
