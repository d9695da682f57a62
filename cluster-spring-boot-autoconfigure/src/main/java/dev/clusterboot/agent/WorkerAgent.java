package dev.clusterboot.agent;

import java.io.IOException;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.WorkerMessageHandlers;
import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.StagedStart;

/**
 * The worker's side of the control channel. It connects to the master as soon as the
 * worker's context starts, says hello, reports in a {@link Heartbeat heartbeat}, and
 * hands each message from the master to the {@link WorkerMessageHandlers handlers} that
 * the worker's features registered for its type. Features send to the master through it
 * as their {@link MasterLink}.
 * <p>
 * The agent handles two messages itself. When the master asks it to
 * {@link ControlMessage.Drain drain}, the worker leaves the port's group and exits after
 * the drain period. A standby (a {@link StagedStart staged} web server that has not
 * joined the port) reports {@code standingBy} instead of {@code ready}; when the master
 * promotes it with {@link ControlMessage.Join Join}, it joins the port's group and sends
 * a heartbeat at once, or exits with status 1 when it cannot join. When the master is
 * gone, the agent stops the worker, so that a killed master leaves no orphan holding the
 * port.
 *
 * @author cluster-spring-boot-starter
 */
public class WorkerAgent
		implements MasterLink, InitializingBean, DisposableBean, ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final Log logger = LogFactory.getLog(WorkerAgent.class);

	private final WorkerIdentity identity;

	private final WorkerMessageHandlers handlers;

	private final boolean standby;

	private final Heartbeat heartbeat;

	private final StandbyPromotion promotion;

	private final WorkerExits exits;

	private volatile @Nullable ControlConnection connection;

	private volatile boolean closing;

	private volatile int slot;

	/**
	 * Create an agent.
	 * @param identity who this worker is and where its master listens
	 * @param handlers the handlers of what the master sends, to which the agent adds its
	 * own for {@link ControlMessage.Drain} and {@link ControlMessage.Join}
	 * @param availability the application's availability, reported in heartbeats
	 * @param heartbeatInterval how often to report
	 * @param portGroup the web server's membership of the port's group, or {@code null}
	 * when the application has no supported web server
	 * @param standby whether the master launched this worker as a standby, which reports
	 * {@code standingBy} until it is told to join; a worker that starts staged for another
	 * reason (a warm-up) is simply not ready until it joins
	 */
	public WorkerAgent(WorkerIdentity identity, WorkerMessageHandlers handlers, ApplicationAvailability availability,
			Duration heartbeatInterval, @Nullable PortGroupMember portGroup, boolean standby) {
		this.identity = identity;
		this.handlers = handlers;
		this.standby = standby;
		this.heartbeat = new Heartbeat(this, availability, heartbeatInterval, portGroup, standby);
		this.promotion = new StandbyPromotion(portGroup);
		this.exits = new WorkerExits(portGroup);
		this.slot = identity.id();
		handlers.register(ControlMessage.Drain.class, this::drain);
		handlers.register(ControlMessage.Join.class, this::join);
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
			this.heartbeat.execute(() -> this.promotion.prepare(this.identity.id()));
		}
		this.heartbeat.start();
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		this.heartbeat.beatNow();
	}

	@Override
	public void send(ControlMessage message) throws IOException {
		ControlConnection current = this.connection;
		if (current == null) {
			throw new IOException("Worker " + this.identity.id() + " is not connected to its cluster master");
		}
		current.send(message);
	}

	@Override
	public void report(ControlMessage message) {
		ControlConnection current = this.connection;
		if (current == null || this.closing) {
			return;
		}
		try {
			current.send(message);
		}
		catch (IOException ex) {
			logger.trace("Could not report " + message.getClass().getSimpleName(), ex);
		}
	}

	private void watchMaster(ControlConnection connected) {
		try {
			ControlMessage message;
			while ((message = connected.receive()) != null) {
				this.handlers.dispatch(message);
			}
		}
		catch (IOException ex) {
			logger.trace("Control connection failed", ex);
		}
		if (!this.closing) {
			this.handlers.masterGone();
			this.exits.masterGone(this.identity.id(), this.identity.masterPid());
		}
	}

	private void drain(ControlMessage.Drain drain) {
		this.closing = true;
		this.exits.drain(this.slot, Duration.ofMillis(drain.periodMillis()));
	}

	private void join(ControlMessage.Join join) {
		if (!this.promotion.join(join.worker())) {
			this.closing = true;
			this.exits.joinFailed();
			return;
		}
		this.slot = join.worker();
		this.heartbeat.beatNow();
	}

	@Override
	public void destroy() throws IOException {
		this.closing = true;
		this.heartbeat.stop();
		ControlConnection current = this.connection;
		if (current != null) {
			current.close();
		}
	}

}
