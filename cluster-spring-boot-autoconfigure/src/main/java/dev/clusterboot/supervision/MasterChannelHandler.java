package dev.clusterboot.supervision;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.channel.Outbox;
import dev.clusterboot.statewarnings.StateWarnings;
import dev.clusterboot.steering.SteeringReports;

/**
 * Turns what arrives on the control channel's threads into work for the
 * {@link MasterLoop}'s thread: a hello, once the supervisor has accepted it,
 * binds its connection to that worker process, whose heartbeats, state warnings and
 * reports about the shared port and the shared lock then become tasks; status requests are answered at once from the last published status;
 * commands (rolling restart, scale) run on the loop before the answer goes back.
 *
 * @author cluster-spring-boot-starter
 */
final class MasterChannelHandler implements ControlServer.Handler {

	private static final Log logger = LogFactory.getLog(MasterChannelHandler.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(4);

	private final MasterLoop master;

	private final Map<ControlConnection, Long> workers = new ConcurrentHashMap<>();

	private final Map<ControlConnection, Integer> workerIds = new ConcurrentHashMap<>();

	private final Map<ControlConnection, Outbox> outboxes = new ConcurrentHashMap<>();

	MasterChannelHandler(MasterLoop master) {
		this.master = master;
	}

	@Override
	public void onMessage(ControlConnection connection, ControlMessage message) {
		if (message instanceof ControlMessage.Hello hello) {
			this.master.submit((now) -> {
				Outbox outbox = new Outbox(connection, "cluster-outbox-" + hello.worker(), Outbox.LIMIT_BYTES);
				if (this.master.supervisor().connected(hello, outbox)) {
					this.workers.put(connection, hello.pid());
					this.workerIds.put(connection, hello.worker());
					this.outboxes.put(connection, outbox);
					if (!connection.isOpen()) {
						closed(connection);
					}
				}
				else {
					outbox.close();
				}
			});
		}
		else if (message instanceof ControlMessage.Heartbeat heartbeat) {
			Long pid = this.workers.get(connection);
			if (pid != null) {
				this.master.submit((now) -> this.master.supervisor().heartbeat(pid, heartbeat.report(), now));
			}
		}
		else if (message instanceof ControlMessage.StateWarnings found) {
			onLoop(connection, (supervisor, pid, now) -> supervisor.reports().stateWarnings(pid, found.warnings(), now));
		}
		else if (message instanceof ControlMessage.SharedLock lock) {
			onLoop(connection, (supervisor, pid, now) -> supervisor.reports().sharedLock(pid, lock.held(), now));
		}
		else if (SteeringReports.isReport(message)) {
			onLoop(connection, (supervisor, pid, now) -> supervisor.reports().steering(pid, message, now));
		}
		else if (message instanceof ControlMessage.Send send) {
			Integer from = this.workerIds.get(connection);
			if (from != null) {
				this.master.messages().route(from, send);
			}
		}
		else if (message instanceof ControlMessage.StatusRequest) {
			reply(connection, null);
		}
		else if (message instanceof ControlMessage.RollingRestartRequest) {
			runThenReply(connection, (operations, now) -> {
				operations.rollingRestart(now);
				return null;
			});
		}
		else if (message instanceof ControlMessage.ScaleRequest scale) {
			runThenReply(connection, (operations, now) -> operations.scale(scale.workers(), now));
		}
	}

	/**
	 * Hand a worker's report to the supervisor on the loop, where the worker's process is
	 * looked up: the loop has accepted the hello before it, so a report sent right after
	 * the hello finds its process.
	 */
	private void onLoop(ControlConnection connection, Report report) {
		this.master.submit((now) -> {
			Long pid = this.workers.get(connection);
			if (pid != null) {
				report.deliver(this.master.supervisor(), pid, now);
			}
		});
	}

	private void runThenReply(ControlConnection connection, BiFunction<Operations, Instant, @Nullable String> command) {
		CompletableFuture<@Nullable String> done = new CompletableFuture<>();
		this.master.submit((now) -> {
			String refused = command.apply(this.master.supervisor().operations(), now);
			this.master.publish();
			done.complete(refused);
		});
		String refused = null;
		try {
			refused = done.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Command did not complete in time", ex);
		}
		reply(connection, refused);
	}

	private void reply(ControlConnection connection, @Nullable String refused) {
		try {
			connection.send(new ControlMessage.StatusReply(this.master.status(), refused));
		}
		catch (IOException ex) {
			logger.trace("Could not answer a request", ex);
		}
	}

	/**
	 * A worker's report, as the supervisor takes it.
	 */
	@FunctionalInterface
	private interface Report {

		void deliver(Supervisor supervisor, long pid, Instant now);

	}

	@Override
	public void onClosed(ControlConnection connection) {
		closed(connection);
	}

	private void closed(ControlConnection connection) {
		this.workers.remove(connection);
		this.workerIds.remove(connection);
		Outbox outbox = this.outboxes.remove(connection);
		if (outbox != null) {
			outbox.close();
		}
	}

}
