package dev.clusterboot.leadership;

import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.SchedulingAwareRunnable;

/**
 * A scheduled method's runnable that runs only while this worker is the cluster's
 * leader. A run that falls due elsewhere is skipped, not queued: the next run due on the
 * leader is the next one that runs. Otherwise it is the runnable it wraps: the same name,
 * the same scheduler qualifier.
 *
 * @author cluster-spring-boot-starter
 */
final class LeaderOnlyRunnable implements SchedulingAwareRunnable {

	private static final Log logger = LogFactory.getLog(LeaderOnlyRunnable.class);

	private final Runnable delegate;

	private final BooleanSupplier leader;

	LeaderOnlyRunnable(Runnable delegate, BooleanSupplier leader) {
		this.delegate = delegate;
		this.leader = leader;
	}

	@Override
	public void run() {
		if (this.leader.getAsBoolean()) {
			this.delegate.run();
		}
		else if (logger.isTraceEnabled()) {
			logger.trace("Skipped " + this.delegate + ": this worker is not the cluster's leader");
		}
	}

	@Override
	public boolean isLongLived() {
		return (this.delegate instanceof SchedulingAwareRunnable aware) && aware.isLongLived();
	}

	@Override
	public @Nullable String getQualifier() {
		return (this.delegate instanceof SchedulingAwareRunnable aware) ? aware.getQualifier() : null;
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
