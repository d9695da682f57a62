package dev.clusterboot.master;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.RestartReason;

/**
 * The master's deadlines for one worker run: a worker not ready within
 * {@code cluster.worker.boot-timeout} is killed; a ready worker silent for
 * {@code cluster.heartbeat.timeout} is asked for a thread dump and killed shortly after; a
 * worker past its stop deadline is killed. Runs on the master's loop thread; the run
 * remembers why it was killed, so its exit is counted under that reason.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerTimeouts {

	private static final Log logger = LogFactory.getLog(WorkerTimeouts.class);

	private static final Duration THREAD_DUMP_GRACE = Duration.ofSeconds(2);

	private final MasterSettings settings;

	WorkerTimeouts(MasterSettings settings) {
		this.settings = settings;
	}

	/**
	 * Act on any deadline a run has passed.
	 * @param slot the run's slot id, for the log
	 * @param run the run, or {@code null}
	 * @param now the current time
	 * @param leaving whether the run is being stopped anyway, when only the stop deadline
	 * applies
	 */
	void check(int slot, @Nullable WorkerRun run, Instant now, boolean leaving) {
		if (run == null) {
			return;
		}
		killIfDue(run, now);
		if (run.killReason() != null || leaving) {
			return;
		}
		Instant lastHeartbeat = run.lastHeartbeatAt();
		if (!run.isReady() && now.isAfter(run.startedAt().plus(this.settings.bootTimeout()))) {
			logger.warn("Worker " + slot + " (pid " + run.pid() + ") did not become ready within "
					+ "cluster.worker.boot-timeout=" + ClusterMaster.format(this.settings.bootTimeout())
					+ "; killing it");
			run.killing(RestartReason.BOOT_TIMEOUT);
			run.process().kill();
		}
		else if (run.isReady() && lastHeartbeat != null
				&& now.isAfter(lastHeartbeat.plus(this.settings.heartbeatTimeout()))) {
			logger.warn("Worker " + slot + " (pid " + run.pid() + ") sent no heartbeat for "
					+ ClusterMaster.format(Duration.between(lastHeartbeat, now)) + " (cluster.heartbeat.timeout="
					+ ClusterMaster.format(this.settings.heartbeatTimeout())
					+ "); requesting a thread dump, then killing it");
			run.killing(RestartReason.HANG);
			ThreadDumps.request(run.pid());
			run.killAt(now.plus(THREAD_DUMP_GRACE));
		}
	}

	/**
	 * Kill a run whose kill deadline has passed.
	 * @param run the run
	 * @param now the current time
	 */
	void killIfDue(WorkerRun run, Instant now) {
		Instant killAt = run.killAt();
		if (killAt != null && !now.isBefore(killAt) && run.process().isAlive()) {
			if (run.killReason() != RestartReason.HANG) {
				logger.warn("Worker (pid " + run.pid() + ") did not stop within cluster.shutdown.timeout="
						+ ClusterMaster.format(this.settings.shutdownTimeout()) + "; killing it");
			}
			run.killAt(null);
			run.process().kill();
		}
	}

}
