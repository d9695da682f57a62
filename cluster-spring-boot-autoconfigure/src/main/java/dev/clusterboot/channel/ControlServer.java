package dev.clusterboot.channel;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A server end of the channel: a Unix domain socket with one daemon thread per
 * connection. The master's control socket lives in a fresh {@link ControlDirectory} that
 * only the current user can enter; a worker's scrape socket lives in that directory too.
 * <p>
 * Whatever a peer does, the server keeps serving the others: {@link ServedConnections}
 * serves at most {@link ServerLimits#connections()} connections at once and cuts off a
 * peer whose line is longer than {@link ServerLimits#lineBytes()} or is not a message,
 * and the {@link AcceptLoop} keeps accepting, with a growing wait, while accepts fail.
 *
 * @author cluster-spring-boot-starter
 */
public final class ControlServer implements Closeable {

	private static final Log logger = LogFactory.getLog(ControlServer.class);

	private final Path socket;

	private final ServerSocketChannel server;

	private final ServedConnections connections;

	private final AcceptLoop acceptLoop;

	private volatile @Nullable Closeable directory;

	private ControlServer(Path socket, String name, ServerLimits limits, ServerSocketChannel server, Handler handler,
			AcceptLoop.Acceptor acceptor, AcceptLoop.Pause pause) {
		this.socket = socket;
		String label = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " socket";
		this.server = server;
		this.connections = new ServedConnections(logger, label, threadName(name), limits, handler);
		this.acceptLoop = new AcceptLoop(logger, label, server, this.connections, acceptor, pause);
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

	static ControlServer listen(Path socket, String name, ServerLimits limits, Handler handler,
			AcceptLoop.Acceptor acceptor, AcceptLoop.Pause pause) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.bind(UnixDomainSocketAddress.of(socket));
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		ControlServer server = new ControlServer(socket, name, limits, channel, handler, acceptor, pause);
		Thread thread = new Thread(server.acceptLoop, threadName(name) + "accept");
		thread.setDaemon(true);
		thread.start();
		return server;
	}

	private static String threadName(String name) {
		return "cluster-" + name + "-";
	}

	/**
	 * Return the path that peers connect to.
	 * @return the socket path
	 */
	public Path socket() {
		return this.socket;
	}

	/**
	 * Stop accepting, close every connection and delete the socket, and the master's
	 * directory with whatever workers left in it.
	 */
	@Override
	public void close() {
		try {
			this.server.close();
			this.connections.closeAll();
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

}
