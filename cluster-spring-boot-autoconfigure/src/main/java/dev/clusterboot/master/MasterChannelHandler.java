package dev.clusterboot.master;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;

/**
 * Turns what arrives on the control channel's threads into work for the
 * {@link ClusterMaster}'s loop thread: hellos and heartbeats become tasks, status requests
 * are answered at once from the last published status, and commands (rolling restart,
 * scale) run on the loop before the answer goes back.
 *
 * @author cluster-spring-boot-starter
 */
final class MasterChannelHandler implements ControlServer.Handler {

	private static final Log logger = LogFactory.getLog(MasterChannelHandler.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(4);

	private final ClusterMaster master;

	private final Map<ControlConnection, ControlMessage.Hello> workers = new ConcurrentHashMap<>();

	MasterChannelHandler(ClusterMaster master) {
		this.master = master;
	}

	@Override
	public void onMessage(ControlConnection connection, ControlMessage message) {
		if (message instanceof ControlMessage.Hello hello) {
			this.workers.put(connection, hello);
			this.master.submit(() -> this.master.connected(connection, hello));
		}
		else if (message instanceof ControlMessage.Heartbeat heartbeat) {
			ControlMessage.Hello hello = this.workers.get(connection);
			if (hello != null) {
				this.master.submit(() -> this.master.heartbeat(hello, heartbeat));
			}
		}
		else if (message instanceof ControlMessage.StatusRequest) {
			reply(connection);
		}
		else if (message instanceof ControlMessage.RollingRestartRequest) {
			runThenReply(connection, this.master::startRollingRestart);
		}
		else if (message instanceof ControlMessage.ScaleRequest scale) {
			runThenReply(connection, () -> this.master.scale(scale.workers()));
		}
	}

	private void runThenReply(ControlConnection connection, Runnable command) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.master.submit(() -> {
			command.run();
			this.master.publish();
			done.complete(null);
		});
		try {
			done.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Command did not complete in time", ex);
		}
		reply(connection);
	}

	private void reply(ControlConnection connection) {
		try {
			connection.send(new ControlMessage.StatusReply(this.master.status()));
		}
		catch (IOException ex) {
			logger.trace("Could not answer a request", ex);
		}
	}

	@Override
	public void onClosed(ControlConnection connection) {
		this.workers.remove(connection);
	}

}
