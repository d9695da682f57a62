package dev.clusterboot.leadership.shared;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.RenewableLockRegistry;

/**
 * The calls to the shared lock's store, each made on the {@link SharedLockContender}'s
 * lock thread, to which Spring Integration's JDBC and Redis locks belong. Each says
 * whether it succeeded; a store that fails is logged once, and again only after a call
 * has succeeded in between.
 *
 * @author cluster-spring-boot-starter
 */
final class LockCalls {

	private static final Log logger = LogFactory.getLog(SharedLockContender.class);

	private final String key;

	private final RenewableLockRegistry<?> registry;

	private final DistributedLock lock;

	private final Duration timeToLive;

	private boolean failing;

	LockCalls(String key, RenewableLockRegistry<?> registry, Duration timeToLive) {
		this.key = key;
		this.registry = registry;
		this.lock = (DistributedLock) registry.obtain(key);
		this.timeToLive = timeToLive;
	}

	/**
	 * Take the lock if no other host holds it, without waiting.
	 * @return whether this worker holds it now
	 */
	boolean take() {
		try {
			return succeeded(this.lock.tryLock(Duration.ZERO, this.timeToLive));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (RuntimeException ex) {
			return failed("take", ex);
		}
	}

	/**
	 * Renew the lock's time-to-live in its store.
	 * @return whether the store still had it as this worker's, renewed
	 */
	boolean renew() {
		try {
			this.registry.renewLock(this.key, this.timeToLive);
			return succeeded(true);
		}
		catch (RuntimeException ex) {
			return failed("renew", ex);
		}
	}

	/**
	 * Release the lock in its store, so that another host takes it at its next try; a
	 * store that cannot be reached lets it expire.
	 */
	void release() {
		try {
			this.lock.unlock();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the shared lock '" + this.key + "'; it expires in its store", ex);
		}
	}

	private boolean succeeded(boolean result) {
		this.failing = false;
		return result;
	}

	private boolean failed(String action, RuntimeException ex) {
		if (!this.failing) {
			logger.warn("Could not " + action + " the shared lock '" + this.key + "': " + ex);
		}
		this.failing = true;
		return false;
	}

}
