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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The master's end of the control channel: a Unix domain socket in a fresh directory that
 * only the current user can enter, with one daemon thread per connection.
 *
 * @author cluster-spring-boot-starter
 */
public final class ControlServer implements Closeable {

	private static final Log logger = LogFactory.getLog(ControlServer.class);

	private final Path directory;

	private final Path socket;

	private final ServerSocketChannel server;

	private final Handler handler;

	private final Set<ControlConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connectionCount = new AtomicInteger();

	private ControlServer(Path directory, ServerSocketChannel server, Handler handler) {
		this.directory = directory;
		this.socket = directory.resolve("control.sock");
		this.server = server;
		this.handler = handler;
	}

	/**
	 * Bind a control socket in a new private temporary directory and start accepting.
	 * @param handler receives every message
	 * @return the running server
	 * @throws IOException if the socket cannot be created
	 */
	public static ControlServer start(Handler handler) throws IOException {
		Path directory = Files.createTempDirectory("cluster-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		ControlServer controlServer = new ControlServer(directory, server, handler);
		server.bind(UnixDomainSocketAddress.of(controlServer.socket));
		Thread acceptor = new Thread(controlServer::acceptConnections, "cluster-control-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		return controlServer;
	}

	/**
	 * Return the path that workers connect to.
	 * @return the socket path
	 */
	public Path socket() {
		return this.socket;
	}

	private void acceptConnections() {
		try {
			while (true) {
				SocketChannel channel = this.server.accept();
				ControlConnection connection = new ControlConnection(channel);
				this.connections.add(connection);
				Thread reader = new Thread(() -> serve(connection),
						"cluster-control-" + this.connectionCount.incrementAndGet());
				reader.setDaemon(true);
				reader.start();
			}
		}
		catch (ClosedChannelException ex) {
			logger.trace("Control socket closed");
		}
		catch (IOException ex) {
			logger.warn("Control socket failed; workers can no longer reach the master", ex);
		}
	}

	private void serve(ControlConnection connection) {
		try (connection) {
			ControlMessage message;
			while ((message = connection.receive()) != null) {
				this.handler.onMessage(connection, message);
			}
		}
		catch (IOException ex) {
			logger.trace("Control connection ended", ex);
		}
		finally {
			this.connections.remove(connection);
			this.handler.onClosed(connection);
		}
	}

	/**
	 * Stop accepting, close every connection and delete the socket and its directory,
	 * with whatever workers left in it (the scrape socket of a worker killed with
	 * {@code kill -9}).
	 */
	@Override
	public void close() {
		try {
			this.server.close();
			for (ControlConnection connection : this.connections) {
				connection.close();
			}
			Files.deleteIfExists(this.socket);
			try (Stream<Path> files = Files.list(this.directory)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			logger.debug("Could not clean up control socket " + this.socket, ex);
		}
	}

	/**
	 * Receives what workers send. Called on the connection's own thread.
	 */
	public interface Handler {

		/**
		 * Handle a message.
		 * @param connection the connection it came on, to answer on
		 * @param message the message
		 */
		void onMessage(ControlConnection connection, ControlMessage message);

		/**
		 * Handle the end of a connection.
		 * @param connection the connection that closed
		 */
		void onClosed(ControlConnection connection);

	}

}
