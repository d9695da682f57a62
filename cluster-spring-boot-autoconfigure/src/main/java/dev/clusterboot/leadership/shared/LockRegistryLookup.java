package dev.clusterboot.leadership.shared;

import java.util.Arrays;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.integration.support.locks.RenewableLockRegistry;

import dev.clusterboot.leadership.ClusterLeadershipProperties;

/**
 * Finds the application's one {@link LockRegistry} bean for the shared lock, and checks
 * that its locks can carry a lease: a {@link RenewableLockRegistry} whose locks are
 * {@link DistributedLock}s, taken and renewed with a time-to-live (Spring Integration's
 * {@code JdbcLockRegistry} and {@code RedisLockRegistry}). Anything else fails the
 * worker's start with a message that names {@code cluster.leadership.lock}.
 *
 * @author cluster-spring-boot-starter
 */
final class LockRegistryLookup {

	static final String PROPERTY = ClusterLeadershipProperties.PREFIX + ".lock";

	private static final String EXAMPLES = "such as a JdbcLockRegistry (spring-integration-jdbc) or a "
			+ "RedisLockRegistry (spring-integration-redis)";

	private LockRegistryLookup() {
	}

	/**
	 * Find the registry.
	 * @param beans the application's beans
	 * @param key the lock's name
	 * @return the registry
	 * @throws InvalidConfigurationPropertyValueException without one such registry
	 */
	static RenewableLockRegistry<?> find(ListableBeanFactory beans, String key) {
		String[] names = beans.getBeanNamesForType(LockRegistry.class);
		if (names.length == 0) {
			throw invalid(key, "needs a LockRegistry bean that every host shares, " + EXAMPLES + ", and there is none");
		}
		LockRegistry<?> registry = beans.getBeanProvider(LockRegistry.class).getIfUnique();
		if (registry == null) {
			throw invalid(key, "needs one LockRegistry bean, and there are " + names.length + " ("
					+ String.join(", ", Arrays.asList(names)) + "): mark the shared one @Primary");
		}
		if (!(registry instanceof RenewableLockRegistry<?> renewable)
				|| !(registry.obtain(key) instanceof DistributedLock)) {
			throw invalid(key, "needs a LockRegistry whose locks expire and can be renewed, " + EXAMPLES + ", not "
					+ registry.getClass().getName());
		}
		return renewable;
	}

	private static InvalidConfigurationPropertyValueException invalid(String key, String reason) {
		return new InvalidConfigurationPropertyValueException(PROPERTY, key, reason);
	}

}
