package dev.clusterboot.supervision;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.ExitReason;
import dev.clusterboot.api.status.ProcessStatus;
import dev.clusterboot.api.status.RestartReason;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.channel.WorkerChannel;
import dev.clusterboot.properties.Durations;

/**
 * One worker process's life, from launch to exit, as the master tracks it. A slot has one
 * run serving and, while it is being replaced, a second one starting. Only the master's
 * loop thread touches a run.
 *
 * @author cluster-spring-boot-starter
 */
public final class WorkerRun {

	private final WorkerProcess process;

	private final long requestLimit;

	private final long launch;

	private final WorkerConnection connection;

	private final WorkerRunTimeline timeline;

	private @Nullable RestartReason killReason;

	private WorkerReport report = WorkerReport.NONE;

	private boolean draining;

	/**
	 * Create a run.
	 * @param process the worker process
	 * @param startedAt when it was launched
	 * @param requestLimit requests after which it is recycled, or 0 for no limit
	 * @param launch the master's count of launches, this one included
	 */
	WorkerRun(WorkerProcess process, Instant startedAt, long requestLimit, long launch) {
		this.process = process;
		this.requestLimit = requestLimit;
		this.launch = launch;
		this.connection = new WorkerConnection(process);
		this.timeline = new WorkerRunTimeline(startedAt);
	}

	/**
	 * Return this run's place in the order of the master's launches, from 1.
	 * @return the launch number
	 */
	long launch() {
		return this.launch;
	}

	WorkerProcess process() {
		return this.process;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Return the moments of this run's life that its deadlines count from.
	 * @return the timeline
	 */
	WorkerRunTimeline timeline() {
		return this.timeline;
	}

	@Nullable RestartReason killReason() {
		return this.killReason;
	}

	public @Nullable WorkerChannel channel() {
		return this.connection.channel();
	}

	/**
	 * Return the master's control connection to this run's process.
	 * @return the connection, bound or not yet
	 */
	WorkerConnection connection() {
		return this.connection;
	}

	WorkerReport report() {
		return this.report;
	}

	public boolean isReady() {
		return this.timeline.isReady();
	}

	/**
	 * Tell this standby to join the shared port and serve a slot.
	 * @param slot the slot it now serves
	 * @param now the current time
	 * @return whether the message went out; {@code false} when the standby is gone
	 */
	boolean join(int slot, Instant now) {
		if (!this.connection.send(new ControlMessage.Join(slot))) {
			return false;
		}
		this.timeline.joinRequested(now);
		this.process.servesSlot(slot);
		return true;
	}

	/**
	 * Whether the master has asked this run to drain: it gets no more messages from other
	 * workers.
	 * @return {@code true} once {@link #drain} ran
	 */
	public boolean isDraining() {
		return this.draining;
	}

	boolean reachedRequestLimit() {
		return this.requestLimit > 0 && this.report.requests() >= this.requestLimit;
	}

	/**
	 * Record a heartbeat.
	 * @param report what the worker reported
	 * @param now the current time
	 * @return whether the run became ready with this heartbeat
	 */
	boolean heartbeat(WorkerReport report, Instant now) {
		this.report = report;
		return this.timeline.heartbeat(report.ready(), report.standingBy(), now);
	}

	/**
	 * Remember that the master is killing this run, and why.
	 * @param reason the restart reason its exit will be counted under
	 */
	void killing(RestartReason reason) {
		this.killReason = reason;
	}

	/**
	 * Ask the worker to leave the port, serve what it accepted for the drain period and
	 * shut down gracefully, or send it SIGTERM when it has no channel; it is killed if it
	 * still runs after the drain period and the shutdown timeout.
	 * @param timeouts the drain period and the shutdown timeout
	 * @param steerFirst the steering program that gives the worker no new connections, to
	 * attach before it leaves the port, or {@code null} without steering
	 * @param now the current time
	 */
	void drain(MasterSettings.Timeouts timeouts, int @Nullable [] steerFirst, Instant now) {
		this.timeline.killAt(Durations.plus(Durations.plus(now, timeouts.drainPeriod()), timeouts.shutdown()));
		this.draining = true;
		if (!this.connection.send(new ControlMessage.Drain(Durations.millis(timeouts.drainPeriod()), steerFirst))) {
			this.process.stop();
		}
	}

	/**
	 * Ask the worker to attach a steering program to the port's group.
	 * @param program the program, four numbers an instruction
	 * @return whether the message went out
	 */
	boolean steer(int[] program) {
		return this.connection.send(new SteeringMessage.Steer(program));
	}

	/**
	 * Say why this run ended, when the master had not asked it to stop.
	 * @param code its exit code
	 * @return the master's kill reason, a configuration error (78 before it was ready), or
	 * a crash
	 */
	ExitReason exitReason(int code) {
		if (this.killReason == RestartReason.BOOT_TIMEOUT) {
			return ExitReason.BOOT_TIMEOUT;
		}
		if (this.killReason == RestartReason.HANG) {
			return ExitReason.HANG;
		}
		return (code == WorkerExit.CONFIGURATION_ERROR && !isReady()) ? ExitReason.CONFIGURATION_ERROR
				: ExitReason.CRASH;
	}

	/**
	 * Return this run as a standby shows it: its {@code readyAt} is when it stood by.
	 * @param now the current time
	 * @return the status
	 */
	ProcessStatus standbyStatus(Instant now) {
		return status(now, this.timeline.standingByAt());
	}

	ProcessStatus status(Instant now) {
		return status(now, this.timeline.readyAt());
	}

	private ProcessStatus status(Instant now, @Nullable Instant readyAt) {
		return new ProcessStatus(pid(), this.timeline.startedAt(), this.timeline.uptimeSeconds(now), readyAt,
				this.timeline.lastHeartbeatAt(), this.process.usesClassDataArchive(), this.report);
	}

}
