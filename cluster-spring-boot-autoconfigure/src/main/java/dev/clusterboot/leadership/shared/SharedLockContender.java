package dev.clusterboot.leadership.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.integration.support.locks.RenewableLockRegistry;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;

/**
 * Contends for the shared lock while its master names this worker its host's leader, and
 * makes it the cluster's leader ({@link LeadershipScope#ALL_HOSTS}) only while it holds
 * the lock and its {@link LockLease} holds.
 * <p>
 * One thread of its own takes, renews and releases the lock ({@link LockCalls}). A
 * renewal that fails is tried again sooner, and the lock is kept while the lease holds; a
 * call may also hang (a database cut off, a socket without a timeout). The lease waits
 * for neither: {@link ClusterLeadership#isLeader()} reads it at each check, and a timer
 * revokes the lead, and tells the master, when it runs out. The lead comes back only when
 * a call that started later succeeds.
 *
 * @author cluster-spring-boot-starter
 */
public final class SharedLockContender implements DisposableBean {

	private static final Log logger = LogFactory.getLog(SharedLockContender.class);

	private final String key;

	private final LockCalls calls;

	private final LockLease lease;

	private final ClusterLeadership leadership;

	private final MasterLink master;

	private final ScheduledExecutorService lockThread = executor("cluster-leadership-lock");

	private final ScheduledExecutorService leaseTimer = executor("cluster-leadership-lease");

	private volatile boolean hostLeader;

	private volatile boolean holding;

	private boolean reportedHeld;

	private @Nullable ScheduledFuture<?> next;

	private @Nullable ScheduledFuture<?> expiry;

	SharedLockContender(String key, RenewableLockRegistry<?> registry, Duration timeToLive, MasterLink master,
			Clock clock) {
		this.key = key;
		this.calls = new LockCalls(key, registry, timeToLive);
		this.lease = new LockLease(timeToLive, clock);
		this.leadership = new ClusterLeadership(LeadershipScope.ALL_HOSTS, this.lease::holds);
		this.master = master;
	}

	/**
	 * Create the contender for a lock of the application's one lock registry.
	 * @param beans the application's beans, which hold the registry
	 * @param key the lock's name ({@code cluster.leadership.lock})
	 * @param timeToLive the lock's time-to-live
	 * @param master where to report taking and losing the lock
	 * @return the contender
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * without one registry whose locks expire and can be renewed
	 */
	public static SharedLockContender create(ListableBeanFactory beans, String key, Duration timeToLive,
			MasterLink master) {
		return new SharedLockContender(key, LockRegistryLookup.find(beans, key), timeToLive, master,
				LockLease.monotonicClock());
	}

	/**
	 * Return this worker's leadership, whose lead across hosts this contender grants.
	 * @return the leadership
	 */
	public ClusterLeadership leadership() {
		return this.leadership;
	}

	/**
	 * The master named this worker its host's leader: contend for the lock from now on.
	 */
	public void hostGranted() {
		this.leadership.granted(LeadershipScope.HOST);
		this.hostLeader = true;
		schedule(Duration.ZERO);
	}

	/**
	 * This worker is no longer its host's leader (the master said so, the master is gone,
	 * the worker stops): stop leading at once, and release the lock on its thread.
	 */
	public void hostRevoked() {
		this.hostLeader = false;
		refresh();
		this.leadership.revoked(LeadershipScope.HOST);
		schedule(Duration.ZERO);
	}

	private void step() {
		if (!this.hostLeader) {
			release();
			return;
		}
		Instant started = this.lease.now();
		boolean succeeded = this.holding ? this.calls.renew() : this.calls.take();
		if (succeeded) {
			this.lease.extend(started);
			this.holding = true;
		}
		else if (!this.lease.holds()) {
			release();
		}
		refresh();
		schedule(!this.hostLeader ? Duration.ZERO
				: succeeded ? this.lease.renewInterval() : this.lease.retryInterval());
	}

	private void release() {
		if (!this.holding) {
			return;
		}
		this.holding = false;
		this.lease.end();
		refresh();
		this.calls.release();
	}

	/**
	 * Grant or revoke the lead across hosts as the lease decides now, tell the master when
	 * that changed, and time the next decision for the lease's end.
	 */
	private synchronized void refresh() {
		boolean leads = this.hostLeader && this.holding && this.lease.holds();
		if (leads) {
			this.leadership.granted(LeadershipScope.ALL_HOSTS);
			Instant until = this.lease.until();
			if (this.expiry != null) {
				this.expiry.cancel(false);
			}
			long delay = (until != null) ? Duration.between(this.lease.now(), until).toNanos() : 0;
			this.expiry = submit(this.leaseTimer, this::leaseEnded, Math.max(0, delay) + 1);
		}
		else {
			this.leadership.revoked(LeadershipScope.ALL_HOSTS);
		}
		if (leads != this.reportedHeld) {
			this.reportedHeld = leads;
			this.master.report(new ControlMessage.SharedLock(leads));
		}
	}

	private void leaseEnded() {
		if (this.hostLeader && this.holding && !this.lease.holds()) {
			logger.warn("Stopped leading across hosts: no renewal of the shared lock '" + this.key
					+ "' succeeded within its lease (" + this.lease.length().toMillis()
					+ "ms, half its time-to-live); another host may take it once it expires");
		}
		refresh();
	}

	private synchronized void schedule(Duration delay) {
		if (this.next != null) {
			this.next.cancel(false);
		}
		this.next = submit(this.lockThread, this::step, delay.toNanos());
	}

	private static @Nullable ScheduledFuture<?> submit(ScheduledExecutorService executor, Runnable task, long nanos) {
		try {
			return executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null; // stopping
		}
	}

	/**
	 * Stop leading and release the lock, waiting a renewal interval at most for the store.
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Override
	public void destroy() throws InterruptedException {
		hostRevoked();
		this.lockThread.shutdown();
		if (!this.lockThread.awaitTermination(this.lease.renewInterval().toMillis(), TimeUnit.MILLISECONDS)) {
			this.lockThread.shutdownNow();
		}
		this.leaseTimer.shutdownNow();
	}

	private static ScheduledExecutorService executor(String name) {
		return Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

}
