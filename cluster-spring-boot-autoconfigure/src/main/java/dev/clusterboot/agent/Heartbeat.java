package dev.clusterboot.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

import dev.clusterboot.api.status.WorkerHealth;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.portgroup.PortGroupMember;

/**
 * A worker's heartbeat: its readiness, health, request count and heap, reported to the
 * master at a fixed interval and whenever the agent asks, from a thread of its own so
 * that busy request threads do not delay it.
 * <p>
 * Health is the application's availability: {@code UP} when it is live and accepts
 * traffic, {@code OUT_OF_SERVICE} while it refuses traffic, {@code DOWN} when its
 * liveness is broken. A worker is ready when it accepts traffic and has joined the port's
 * group; a standby that accepts traffic but has not joined stands by instead.
 *
 * @author cluster-spring-boot-starter
 */
final class Heartbeat {

	private final MasterLink master;

	private final ApplicationAvailability availability;

	private final Duration interval;

	private final @Nullable PortGroupMember portGroup;

	private final boolean standby;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "cluster-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	Heartbeat(MasterLink master, ApplicationAvailability availability, Duration interval,
			@Nullable PortGroupMember portGroup, boolean standby) {
		this.master = master;
		this.availability = availability;
		this.interval = interval;
		this.portGroup = portGroup;
		this.standby = standby;
	}

	/**
	 * Run a task on the heartbeat's thread, before any heartbeat that follows.
	 * @param task the task
	 */
	void execute(Runnable task) {
		this.thread.execute(task);
	}

	/**
	 * Report now, then at the interval.
	 */
	void start() {
		long millis = this.interval.toMillis();
		this.thread.scheduleAtFixedRate(this::beat, 0, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Report once more, as soon as the heartbeat's thread can.
	 */
	void beatNow() {
		this.thread.execute(this::beat);
	}

	/**
	 * Stop reporting.
	 */
	void stop() {
		this.thread.shutdownNow();
	}

	private void beat() {
		this.master.report(new ControlMessage.Heartbeat(report()));
	}

	/**
	 * Return what this worker reports of itself now.
	 * @return the report
	 */
	WorkerReport report() {
		boolean accepting = this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		boolean joined = this.portGroup == null || this.portGroup.joined();
		long requests = (this.portGroup != null) ? this.portGroup.requestCount() : 0;
		return new WorkerReport(accepting && joined, health(accepting), requests, heapAfterGc(),
				this.standby && accepting && !joined);
	}

	private WorkerHealth health(boolean accepting) {
		if (this.availability.getLivenessState() == LivenessState.BROKEN) {
			return WorkerHealth.DOWN;
		}
		return accepting ? WorkerHealth.UP : WorkerHealth.OUT_OF_SERVICE;
	}

	/**
	 * Return the heap in use right after the most recent garbage collection: the sum, over
	 * the heap's memory pools, of each pool's usage as its collector left it.
	 * @return bytes, or {@code null} when the JVM does not report it
	 */
	static @Nullable Long heapAfterGc() {
		Long total = null;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			MemoryUsage usage = (pool.getType() == MemoryType.HEAP) ? pool.getCollectionUsage() : null;
			if (usage != null) {
				total = ((total != null) ? total : 0L) + usage.getUsed();
			}
		}
		return total;
	}

}
