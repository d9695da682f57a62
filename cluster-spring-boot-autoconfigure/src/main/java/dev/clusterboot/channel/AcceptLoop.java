package dev.clusterboot.channel;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.apache.commons.logging.Log;

/**
 * Accepts a {@link ControlServer}'s connections until the server closes, and hands each
 * to its {@link ServedConnections}. When an accept fails (no file descriptors left), it
 * says so once, tries again after a wait that doubles up to a second, and says so again
 * once it accepts.
 *
 * @author cluster-spring-boot-starter
 */
final class AcceptLoop implements Runnable {

	private static final Duration FIRST_WAIT = Duration.ofMillis(10);

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

	private final Log logger;

	private final String label;

	private final ServerSocketChannel server;

	private final ServedConnections connections;

	private final Acceptor acceptor;

	private final Pause pause;

	/**
	 * Create the loop of one server.
	 * @param logger the server's log
	 * @param label the server's name in log lines, such as {@code Control socket}
	 * @param server the bound server channel
	 * @param connections serves what is accepted
	 * @param acceptor accepts the next connection
	 * @param pause waits after a failed accept
	 */
	AcceptLoop(Log logger, String label, ServerSocketChannel server, ServedConnections connections, Acceptor acceptor,
			Pause pause) {
		this.logger = logger;
		this.label = label;
		this.server = server;
		this.connections = connections;
		this.acceptor = acceptor;
		this.pause = pause;
	}

	@Override
	public void run() {
		AcceptBackoff backoff = new AcceptBackoff(FIRST_WAIT, LONGEST_WAIT);
		while (true) {
			try {
				admit(this.acceptor.accept(this.server));
				int failures = backoff.succeeded();
				if (failures > 0) {
					this.logger.info(this.label + " accepts connections again, after " + failures + " failed attempts");
				}
			}
			catch (ClosedChannelException ex) {
				this.logger.trace(this.label + " closed");
				return;
			}
			catch (IOException ex) {
				if (!this.server.isOpen()) {
					return;
				}
				Duration wait = backoff.failed();
				if (backoff.episodeBegan()) {
					this.logger.warn(this.label + " cannot accept connections (" + ex.getMessage()
							+ "); trying again at least every " + backoff.longest().toMillis() + " ms");
					this.logger.debug(this.label + " could not accept", ex);
				}
				try {
					this.pause.pause(wait);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void admit(SocketChannel channel) throws IOException {
		ControlConnection connection = this.connections.admit(channel);
		if (connection != null && !this.server.isOpen()) {
			connection.close();
		}
	}

	/**
	 * Accepts the next connection: the server channel's own accept, or a stand-in that
	 * fails in a test.
	 */
	interface Acceptor {

		SocketChannel accept(ServerSocketChannel server) throws IOException;

	}

	/**
	 * Waits after a failed accept: a sleep, or nothing in a test.
	 */
	interface Pause {

		void pause(Duration duration) throws InterruptedException;

	}

}
