package dev.clusterboot.supervision;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.WorkerChannel;

/**
 * The master's control connection to one worker process: bound once, and only by a
 * connection that proves it is that launch with its token; a second connection never
 * replaces the first. The master's messages to the worker go through it, and one that
 * cannot be sent is logged and reported as not sent.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerConnection {

	private static final Log logger = LogFactory.getLog(WorkerConnection.class);

	private final WorkerProcess process;

	private @Nullable WorkerChannel channel;

	WorkerConnection(WorkerProcess process) {
		this.process = process;
	}

	@Nullable WorkerChannel channel() {
		return this.channel;
	}

	/**
	 * Accept a worker's connection, once, and only with this launch's token.
	 * @param token the token the connection sent
	 * @param channel the connection
	 * @return whether it was accepted
	 */
	boolean connect(String token, WorkerChannel channel) {
		if (this.channel != null || !this.process.launchToken().equals(token)) {
			return false;
		}
		this.channel = channel;
		return true;
	}

	/**
	 * Send the worker a message.
	 * @param message the message
	 * @return whether it went out; {@code false} without a connection or when sending
	 * failed
	 */
	boolean send(ControlMessage message) {
		WorkerChannel current = this.channel;
		if (current == null) {
			return false;
		}
		try {
			current.send(message);
			return true;
		}
		catch (IOException ex) {
			logger.debug("Could not tell worker (pid " + this.process.pid() + ") " + message, ex);
			return false;
		}
	}

}
