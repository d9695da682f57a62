package dev.clusterboot.channel;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A server end of the channel: a Unix domain socket with one daemon thread per
 * connection. The master's control socket lives in a fresh {@link ControlDirectory} that
 * only the current user can enter; a worker's scrape socket lives in that directory too.
 * <p>
 * Whatever a peer does, the server keeps serving the others. It serves at most
 * {@link ServerLimits#connections()} connections at once and closes any further one at once;
 * it cuts off a peer whose line is longer than {@link ServerLimits#lineBytes()} or is not a
 * message, and warns of each at most every ten seconds. When an accept fails (no file
 * descriptors left), it says so once, tries again after a wait that doubles up to a
 * second, and says so again once it accepts.
 *
 * @author cluster-spring-boot-starter
 */
public final class ControlServer implements Closeable {

	private static final Log logger = LogFactory.getLog(ControlServer.class);

	private static final Duration FIRST_WAIT = Duration.ofMillis(10);

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

	private final Path socket;

	private final String label;

	private final String threadName;

	private final ServerLimits limits;

	private final ServerSocketChannel server;

	private final Handler handler;

	private final Acceptor acceptor;

	private final Pause pause;

	private final CutOffWarnings cutOffs = new CutOffWarnings(logger);

	private final Set<ControlConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger connectionCount = new AtomicInteger();

	private volatile @Nullable Closeable directory;

	private ControlServer(Path socket, String name, ServerLimits limits, ServerSocketChannel server, Handler handler,
			Acceptor acceptor, Pause pause) {
		this.socket = socket;
		this.label = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " socket";
		this.threadName = "cluster-" + name + "-";
		this.limits = limits;
		this.server = server;
		this.handler = handler;
		this.acceptor = acceptor;
		this.pause = pause;
	}

	/**
	 * Bind the master's control socket in a new private directory, delete the directories
	 * of masters that are gone, and start accepting with the {@link ServerLimits#MASTER master's
	 * limits}.
	 * @param handler receives every message
	 * @return the running server, which deletes the directory when closed
	 * @throws IOException if the socket cannot be created
	 */
	public static ControlServer start(Handler handler) throws IOException {
		ControlDirectory directory = ControlDirectory.create();
		try {
			ControlServer server = listen(directory.path().resolve("control.sock"), "control", ServerLimits.MASTER,
					handler);
			server.directory = directory;
			return server;
		}
		catch (IOException | RuntimeException ex) {
			directory.close();
			throw ex;
		}
	}

	/**
	 * Bind a socket and start accepting.
	 * @param socket the path of the socket, in a directory only this user can enter
	 * @param name what the socket is for, in lower case: it names the log lines and
	 * threads
	 * @param limits what the server allows its peers
	 * @param handler receives every message
	 * @return the running server, which deletes the socket when closed
	 * @throws IOException if the socket cannot be created
	 */
	public static ControlServer listen(Path socket, String name, ServerLimits limits, Handler handler) throws IOException {
		return listen(socket, name, limits, handler, ServerSocketChannel::accept,
				(duration) -> Thread.sleep(duration.toMillis()));
	}

	static ControlServer listen(Path socket, String name, ServerLimits limits, Handler handler, Acceptor acceptor,
			Pause pause) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.bind(UnixDomainSocketAddress.of(socket));
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		ControlServer server = new ControlServer(socket, name, limits, channel, handler, acceptor, pause);
		Thread thread = new Thread(server::acceptConnections, server.threadName + "accept");
		thread.setDaemon(true);
		thread.start();
		return server;
	}

	/**
	 * Return the path that peers connect to.
	 * @return the socket path
	 */
	public Path socket() {
		return this.socket;
	}

	private void acceptConnections() {
		AcceptBackoff backoff = new AcceptBackoff(FIRST_WAIT, LONGEST_WAIT);
		while (true) {
			try {
				admit(this.acceptor.accept(this.server));
				int failures = backoff.succeeded();
				if (failures > 0) {
					logger.info(this.label + " accepts connections again, after " + failures + " failed attempts");
				}
			}
			catch (ClosedChannelException ex) {
				logger.trace(this.label + " closed");
				return;
			}
			catch (IOException ex) {
				if (!this.server.isOpen()) {
					return;
				}
				Duration wait = backoff.failed();
				if (backoff.episodeBegan()) {
					logger.warn(this.label + " cannot accept connections (" + ex.getMessage()
							+ "); trying again at least every " + backoff.longest().toMillis() + " ms");
					logger.debug(this.label + " could not accept", ex);
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
		if (this.open.incrementAndGet() > this.limits.connections()) {
			this.open.decrementAndGet();
			channel.close();
			this.cutOffs.warn(this.label + " refused a connection: " + this.limits.connections()
					+ " connections are open, the most it serves at once");
			return;
		}
		ControlConnection connection = new ControlConnection(channel, this.limits.lineBytes());
		this.connections.add(connection);
		Thread thread = new Thread(() -> serve(connection), this.threadName + this.connectionCount.incrementAndGet());
		thread.setDaemon(true);
		try {
			thread.start();
		}
		catch (OutOfMemoryError ex) {
			// no native thread left: the connection is refused, as when no descriptor is left
			this.connections.remove(connection);
			this.open.decrementAndGet();
			connection.close();
			throw new IOException(ex.getMessage(), ex);
		}
		if (!this.server.isOpen()) {
			connection.close();
		}
	}

	private void serve(ControlConnection connection) {
		try (connection) {
			ControlMessage message;
			while ((message = connection.receive()) != null) {
				this.handler.onMessage(connection, message);
			}
		}
		catch (ControlProtocolException ex) {
			this.cutOffs.warn(this.label + " cut off a connection: " + ex.getMessage());
		}
		catch (IOException ex) {
			logger.trace(this.label + ": a connection ended", ex);
		}
		catch (RuntimeException ex) {
			this.cutOffs.warn(this.label + " cut off a connection whose message it could not handle: " + ex);
			logger.debug(this.label + " could not handle a message", ex);
		}
		finally {
			this.connections.remove(connection);
			this.open.decrementAndGet();
			this.handler.onClosed(connection);
		}
	}

	/**
	 * Stop accepting, close every connection and delete the socket, and the master's
	 * directory with whatever workers left in it.
	 */
	@Override
	public void close() {
		try {
			this.server.close();
			for (ControlConnection connection : this.connections) {
				connection.close();
			}
			Files.deleteIfExists(this.socket);
		}
		catch (IOException ex) {
			logger.debug("Could not clean up " + this.socket, ex);
		}
		Closeable owned = this.directory;
		if (owned != null) {
			try {
				owned.close();
			}
			catch (IOException ex) {
				logger.debug("Could not clean up " + this.socket.getParent(), ex);
			}
		}
	}

	/**
	 * Receives what peers send. Called on the connection's own thread.
	 */
	public interface Handler {

		/**
		 * Handle a message.
		 * @param connection the connection it came on, to answer on
		 * @param message the message
		 * @throws IOException if the connection failed, which ends it
		 */
		void onMessage(ControlConnection connection, ControlMessage message) throws IOException;

		/**
		 * Handle the end of a connection.
		 * @param connection the connection that closed
		 */
		void onClosed(ControlConnection connection);

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
