package dev.clusterboot.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.WorkerHealth;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.StagedStart;

/**
 * The worker's side of the control channel. It connects to the master as soon as the
 * worker's context starts, reports readiness and health in a heartbeat from a thread of
 * its own (so that busy request threads do not delay it), and stops the worker when the
 * master is gone, so that a killed master leaves no orphan holding the port.
 * <p>
 * Health here is the application's availability: {@code UP} when it is live and accepts
 * traffic, {@code OUT_OF_SERVICE} while it refuses traffic, {@code DOWN} when its
 * liveness is broken. A heartbeat proves that the JVM schedules threads and that the
 * channel to the master works; it does not prove that request threads make progress.
 * <p>
 * When the master asks it to {@link ControlMessage.Drain drain}, the agent makes the web
 * server leave the port's group, lets it serve what it had accepted for the drain period,
 * and then exits the JVM, which runs Boot's graceful shutdown.
 * <p>
 * When the master grants or revokes the cluster's leadership, the agent's
 * {@link #leadership()} changes at once.
 * <p>
 * A standby (a {@link StagedStart staged} web server that has not joined the port)
 * reports {@code standingBy} instead of {@code ready}: it never counts as serving. When
 * the master promotes it with {@link ControlMessage.Join Join}, the agent joins the
 * port's group and sends a heartbeat at once; a standby that cannot join exits with
 * status 1, which the master handles as a failed start of the slot.
 *
 * @author cluster-spring-boot-starter
 */
public class WorkerAgent implements InitializingBean, DisposableBean, ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final Log logger = LogFactory.getLog(WorkerAgent.class);

	private static final Duration ORPHAN_EXIT_TIMEOUT = Duration.ofSeconds(5);

	private final WorkerIdentity identity;

	private final ApplicationAvailability availability;

	private final Duration heartbeatInterval;

	private final @Nullable PortGroupMember portGroup;

	private final boolean standby;

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "cluster-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final ClusterLeadership leadership = new ClusterLeadership();

	private volatile @Nullable ControlConnection connection;

	private volatile boolean closing;

	private volatile int slot;
	private volatile @Nullable Consumer<ControlMessage.Deliver> deliveries;

	/**
	 * Create an agent.
	 * @param identity who this worker is and where its master listens
	 * @param availability the application's availability, reported in heartbeats
	 * @param heartbeatInterval how often to report
	 * @param portGroup the web server's membership of the port's group, or {@code null}
	 * when the application has no supported web server
	 */
	public WorkerAgent(WorkerIdentity identity, ApplicationAvailability availability, Duration heartbeatInterval,
			@Nullable PortGroupMember portGroup) {
		this(identity, availability, heartbeatInterval, portGroup, false);
	}

	/**
	 * Create an agent.
	 * @param identity who this worker is and where its master listens
	 * @param availability the application's availability, reported in heartbeats
	 * @param heartbeatInterval how often to report
	 * @param portGroup the web server's membership of the port's group, or {@code null}
	 * when the application has no supported web server
	 * @param standby whether the master launched this worker as a standby, which reports
	 * {@code standingBy} until it is told to join; a worker that starts staged for another
	 * reason (a warm-up) is simply not ready until it joins
	 */
	public WorkerAgent(WorkerIdentity identity, ApplicationAvailability availability, Duration heartbeatInterval,
			@Nullable PortGroupMember portGroup, boolean standby) {
		this.standby = standby;
		this.identity = identity;
		this.availability = availability;
		this.heartbeatInterval = heartbeatInterval;
		this.portGroup = portGroup;
		this.slot = identity.id();
	}

	/**
	 * Return the slot this worker serves: the one it was launched for, or the one the
	 * master promoted it into.
	 * @return the slot id
	 */
	public int slot() {
		return this.slot;
	}

	@Override
	public void afterPropertiesSet() {
		ControlConnection connected;
		try {
			connected = ControlConnection.connect(this.identity.controlSocket());
			connected.send(new ControlMessage.Hello(this.identity.id(), ProcessHandle.current().pid(),
					this.identity.launchToken()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Worker " + this.identity.id() + " cannot reach its cluster master (pid "
					+ this.identity.masterPid() + ") at " + this.identity.controlSocket()
					+ "; the master has probably exited", ex);
		}
		this.connection = connected;
		Thread watcher = new Thread(() -> watchMaster(connected), "cluster-master-watch");
		watcher.setDaemon(true);
		watcher.start();
		if (this.standby) {
			// before the first heartbeat says it stands by, so that a promotion finds it ready
			this.heartbeats.execute(() -> ControlConnection.prepareFor(new ControlMessage.Join(this.identity.id())));
		}
		long interval = this.heartbeatInterval.toMillis();
		this.heartbeats.scheduleAtFixedRate(this::sendHeartbeat, 0, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Return whether this worker is the cluster's leader, as the master last said.
	 * @return this worker's leadership
	 */
	public ClusterLeadership leadership() {
		return this.leadership;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		this.heartbeats.execute(this::sendHeartbeat);
	}

	private void sendHeartbeat() {
		ControlConnection current = this.connection;
		if (current == null || this.closing) {
			return;
		}
		boolean accepting = this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		boolean joined = this.portGroup == null || this.portGroup.joined();
		boolean ready = accepting && joined;
		try {
			long requests = (this.portGroup != null) ? this.portGroup.requestCount() : 0;
			current.send(new ControlMessage.Heartbeat(
					new WorkerReport(ready, health(accepting), requests, heapAfterGc(), this.standby && accepting && !joined)));
		}
		catch (IOException ex) {
			logger.trace("Heartbeat failed", ex);
		}
	}

	/**
	 * Send the master what this worker found of state that it keeps on its own, on the
	 * agent's control connection.
	 * @param warnings what the worker found
	 */
	public void reportStateWarnings(List<StateWarning> warnings) {
		ControlConnection current = this.connection;
		if (current == null || this.closing) {
			return;
		}
		try {
			current.send(new ControlMessage.StateWarnings(List.copyOf(warnings)));
		}
		catch (IOException ex) {
			logger.trace("Could not report state warnings", ex);
		}
	}

	/**
	 * Send the master a message for other workers, on the agent's control connection.
	 * @param message the message
	 * @throws IOException if the master cannot be reached
	 */
	public void send(ControlMessage.Send message) throws IOException {
		ControlConnection current = this.connection;
		if (current == null) {
			throw new IOException("Worker " + this.identity.id() + " is not connected to its cluster master");
		}
		current.send(message);
	}

	/**
	 * Hand every message from other workers to a consumer, on the thread that reads the
	 * control connection; until one is set, such messages are ignored.
	 * @param consumer takes each message, quickly
	 */
	public void onDelivery(Consumer<ControlMessage.Deliver> consumer) {
		this.deliveries = consumer;
	}

	private WorkerHealth health(boolean ready) {
		if (this.availability.getLivenessState() == LivenessState.BROKEN) {
			return WorkerHealth.DOWN;
		}
		return ready ? WorkerHealth.UP : WorkerHealth.OUT_OF_SERVICE;
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

	private void watchMaster(ControlConnection connected) {
		try {
			ControlMessage message;
			while ((message = connected.receive()) != null) {
				if (message instanceof ControlMessage.Drain drain) {
					drain(Duration.ofMillis(drain.periodMillis()));
				}
				else if (message instanceof ControlMessage.GrantLeadership) {
					this.leadership.granted();
				}
				else if (message instanceof ControlMessage.RevokeLeadership) {
					this.leadership.revoked();
				}
				else if (message instanceof ControlMessage.Join join) {
					join(join.worker());
				}
				else if (message instanceof ControlMessage.Deliver delivery) {
					Consumer<ControlMessage.Deliver> consumer = this.deliveries;
					if (consumer != null) {
						consumer.accept(delivery);
					}
				}
			}
		}
		catch (IOException ex) {
			logger.trace("Control connection failed", ex);
		}
		if (!this.closing) {
			masterGone();
		}
	}

	private void join(int worker) {
		PortGroupMember member = this.portGroup;
		long started = System.nanoTime();
		try {
			if (member != null) {
				member.join();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Standby (pid " + ProcessHandle.current().pid() + ") could not join the shared port to serve "
					+ "worker " + worker + "; exiting so that the master starts another", ex);
			this.closing = true;
			new Thread(() -> System.exit(1), "cluster-join-failed").start();
			return;
		}
		this.slot = worker;
		logger.info("Standby (pid " + ProcessHandle.current().pid() + ") joined the shared port in "
				+ Duration.ofNanos(System.nanoTime() - started).toMillis() + "ms; now worker " + worker);
		this.heartbeats.execute(this::sendHeartbeat);
	}

	private void drain(Duration period) {
		this.closing = true;
		logger.info("Worker " + this.slot + " leaving the port; serving accepted connections for "
				+ period.toMillis() + "ms, then shutting down gracefully");
		if (this.portGroup != null) {
			this.portGroup.leave();
		}
		Thread shutdown = new Thread(() -> {
			try {
				Thread.sleep(period.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			System.exit(0);
		}, "cluster-drain");
		// Non-daemon: closing the listener can end the server's own keep-alive thread
		// (Reactor Netty's), and the JVM must not exit before the drain period is over.
		shutdown.setDaemon(false);
		shutdown.start();
	}

	private void masterGone() {
		this.leadership.revoked();
		logger.warn("Worker " + this.identity.id() + ": the cluster master (pid " + this.identity.masterPid()
				+ ") is gone; stopping this worker so that it does not hold the port unsupervised");
		Thread exit = new Thread(() -> System.exit(1), "cluster-orphan-exit");
		exit.start();
		Thread halt = new Thread(() -> {
			try {
				exit.join(ORPHAN_EXIT_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Runtime.getRuntime().halt(1);
		}, "cluster-orphan-halt");
		halt.setDaemon(true);
		halt.start();
	}

	@Override
	public void destroy() throws IOException {
		this.closing = true;
		this.heartbeats.shutdownNow();
		ControlConnection current = this.connection;
		if (current != null) {
			current.close();
		}
	}

}
