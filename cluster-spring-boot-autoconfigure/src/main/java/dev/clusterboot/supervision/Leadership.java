package dev.clusterboot.supervision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.api.status.LeaderStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.ControlMessage;

/**
 * Which serving worker the master has named the cluster's leader, kept true by
 * {@link #elect} after every event the master handles: its loop ticks after each one, so
 * a leader that exits, is declared hung or is drained is replaced at once, by the worker
 * that {@link #candidates} puts first.
 * <p>
 * Only a serving worker can lead: a slot's current process that is up, connected, and
 * neither killed (hung, past a deadline) nor draining, and only while the cluster is not
 * stopping. The leader keeps leading while it serves; otherwise the serving worker of the
 * lowest slot id leads.
 * <p>
 * Never two leaders as the master sees it: the old leader is revoked (told so when it can
 * still be told, and in any case no longer counted) before another is granted. A worker
 * that cannot be told it leads (its channel fails) is not named the leader.
 * <p>
 * With a shared lock ({@code cluster.leadership.lock}), the leader named here is the
 * host's leader, which contends for the lock; it reports when it takes or loses it, and
 * only the current leader's reports count.
 *
 * @author cluster-spring-boot-starter
 */
final class Leadership {

	private static final Log logger = LogFactory.getLog(Leadership.class);

	private @Nullable WorkerRun leader;

	private int slot;

	private Instant since = Instant.EPOCH;

	private final @Nullable String sharedLock;

	private @Nullable Instant lockHeldSince;

	/**
	 * Create the leadership of one host.
	 * @param sharedLock the lock the hosts' leaders contend for, or {@code null} when the
	 * host's leader is the cluster's leader
	 */
	Leadership(@Nullable String sharedLock) {
		this.sharedLock = sharedLock;
	}

	/**
	 * Return the current leader.
	 * @return the leader's run, or {@code null} while none serves
	 */
	@Nullable WorkerRun leader() {
		return this.leader;
	}

	/**
	 * Return the workers that may lead, in the order the master offers them leadership:
	 * the current leader first while it still serves, then every other serving worker by
	 * slot id. A slot's replacement, a draining or killed process and every process of a
	 * stopping cluster cannot lead.
	 * @param leader the current leader, or {@code null}
	 * @param slots every slot, ordered by id
	 * @param stopping whether the cluster is stopping
	 * @return the candidates, empty when no worker may lead
	 */
	static List<WorkerRun> candidates(@Nullable WorkerRun leader, Collection<WorkerSlot> slots, boolean stopping) {
		List<WorkerRun> candidates = new ArrayList<>();
		if (stopping) {
			return candidates;
		}
		for (WorkerSlot slot : slots) {
			WorkerRun run = slot.current();
			if (slot.state() == WorkerState.UP && run != null && run.killReason() == null
					&& run.timeline().killAt() == null && run.channel() != null) {
				candidates.add((run == leader) ? 0 : candidates.size(), run);
			}
		}
		return candidates;
	}

	/**
	 * Keep the leader while it serves, or move leadership to the first candidate that can
	 * be told.
	 * @param candidates the workers that may lead, the current leader first if it still
	 * serves
	 * @param slots where each candidate serves
	 * @param now the current time
	 */
	void elect(List<WorkerRun> candidates, Slots slots, Instant now) {
		WorkerRun current = this.leader;
		if (current != null && !candidates.isEmpty() && candidates.get(0) == current) {
			return;
		}
		if (current != null) {
			revoke(current);
		}
		for (WorkerRun candidate : candidates) {
			WorkerSlot serving = slots.slotOf(candidate);
			if (serving != null && candidate.connection().send(new ControlMessage.GrantLeadership())) {
				this.leader = candidate;
				this.slot = serving.id();
				this.since = now;
				this.lockHeldSince = null;
				logger.info("Worker " + this.slot + " (pid " + candidate.pid() + ") is the leader");
				return;
			}
		}
	}

	private void revoke(WorkerRun current) {
		this.leader = null;
		String why = (current.killReason() != null) ? "it is being killed ("
				+ current.killReason().tagValue() + ")" : current.process().isAlive() ? "it is leaving" : "it exited";
		logger.info("Worker " + this.slot + " (pid " + current.pid() + ") is no longer the leader: " + why);
		if (current.process().isAlive()) {
			current.connection().send(new ControlMessage.RevokeLeadership());
		}
	}

	/**
	 * Take the leader's report that it took or lost the shared lock; a report from a
	 * worker that no longer leads is ignored.
	 * @param run the worker that reported
	 * @param held whether it holds the lock now
	 * @param now when the report arrived
	 */
	void sharedLock(WorkerRun run, boolean held, Instant now) {
		if (run != this.leader || this.sharedLock == null || held == (this.lockHeldSince != null)) {
			return;
		}
		this.lockHeldSince = held ? now : null;
		logger.info("Worker " + this.slot + " (pid " + run.pid() + ") " + (held ? "took" : "no longer holds")
				+ " the shared lock '" + this.sharedLock + "': this host " + (held ? "leads" : "does not lead")
				+ " across hosts");
	}

	/**
	 * Return the leader as {@code /actuator/cluster} shows it.
	 * @return the leader, or {@code null} while none serves
	 */
	@Nullable LeaderStatus status() {
		WorkerRun current = this.leader;
		if (current == null) {
			return null;
		}
		if (this.sharedLock == null) {
			return new LeaderStatus(this.slot, current.pid(), this.since, LeadershipScope.HOST, null);
		}
		return new LeaderStatus(this.slot, current.pid(), this.since, LeadershipScope.ALL_HOSTS,
				new LeaderStatus.SharedLockStatus(this.sharedLock, this.lockHeldSince != null, this.lockHeldSince));
	}

}
