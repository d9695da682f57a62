package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The moments of one worker run's life that its deadlines count from: its launch, its
 * first report that it stands by, the master's request that it join, its first report
 * that it is ready, its last heartbeat and the time the master will kill it. Only the
 * master's loop thread touches a timeline.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerRunTimeline {

	private final Instant startedAt;

	private @Nullable Instant readyAt;

	private @Nullable Instant lastHeartbeatAt;

	private @Nullable Instant killAt;

	private @Nullable Instant standingByAt;

	private @Nullable Instant joinRequestedAt;

	/**
	 * Create the timeline of a run launched at the given time.
	 * @param startedAt when it was launched
	 */
	WorkerRunTimeline(Instant startedAt) {
		this.startedAt = startedAt;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	@Nullable Instant readyAt() {
		return this.readyAt;
	}

	@Nullable Instant lastHeartbeatAt() {
		return this.lastHeartbeatAt;
	}

	@Nullable Instant killAt() {
		return this.killAt;
	}

	void killAt(@Nullable Instant killAt) {
		this.killAt = killAt;
	}

	/**
	 * Return when this run, a standby, first reported that it stands by.
	 * @return the time, or {@code null} for a run that never stood by
	 */
	@Nullable Instant standingByAt() {
		return this.standingByAt;
	}

	boolean isReady() {
		return this.readyAt != null;
	}

	/**
	 * Return whether this run is a standby that stands by and has not been told to join.
	 * @return {@code true} while it may be promoted
	 */
	boolean isStandingBy() {
		return this.standingByAt != null && this.joinRequestedAt == null && this.readyAt == null;
	}

	/**
	 * Return whether the run still has to become ready: it has not, and it is not a
	 * standby waiting to be promoted.
	 * @return {@code true} while its boot deadline applies
	 */
	boolean awaitsReady() {
		return this.readyAt == null && !isStandingBy();
	}

	/**
	 * Return when this run's way to ready began: its launch, or for a promoted standby the
	 * moment it was told to join.
	 * @return the time its boot deadline counts from
	 */
	Instant bootStartedAt() {
		return (this.joinRequestedAt != null) ? this.joinRequestedAt : this.startedAt;
	}

	/**
	 * Remember that this run, a standby, was told to join.
	 * @param now the current time
	 */
	void joinRequested(Instant now) {
		this.joinRequestedAt = now;
	}

	/**
	 * Record a heartbeat's moments: the first that stands by and the first that is ready.
	 * @param ready whether the worker reported that it is ready
	 * @param standingBy whether the worker reported that it stands by
	 * @param now the current time
	 * @return whether the run became ready with this heartbeat
	 */
	boolean heartbeat(boolean ready, boolean standingBy, Instant now) {
		this.lastHeartbeatAt = now;
		if (standingBy && this.standingByAt == null) {
			this.standingByAt = now;
		}
		if (ready && this.readyAt == null) {
			this.readyAt = now;
			return true;
		}
		return false;
	}

	/**
	 * Return how long this run has been up.
	 * @param now the current time
	 * @return whole seconds since its launch
	 */
	long uptimeSeconds(Instant now) {
		return Duration.between(this.startedAt, now).toSeconds();
	}

}
