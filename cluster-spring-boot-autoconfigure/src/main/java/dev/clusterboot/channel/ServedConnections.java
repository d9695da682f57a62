package dev.clusterboot.channel;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlServer.Handler;

/**
 * The connections a {@link ControlServer} serves, each on its own daemon thread: at most
 * {@link ServerLimits#connections()} at once, a further one closed at once, and a peer
 * whose line is too long or not a message cut off, with each warned of at most every ten
 * seconds.
 *
 * @author cluster-spring-boot-starter
 */
final class ServedConnections {

	private final Log logger;

	private final String label;

	private final String threadName;

	private final ServerLimits limits;

	private final Handler handler;

	private final CutOffWarnings cutOffs;

	private final Set<ControlConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger connectionCount = new AtomicInteger();

	/**
	 * Create the connections of one server.
	 * @param logger the server's log
	 * @param label the server's name in log lines, such as {@code Control socket}
	 * @param threadName the prefix of the connections' thread names
	 * @param limits what the server allows its peers
	 * @param handler receives every message
	 */
	ServedConnections(Log logger, String label, String threadName, ServerLimits limits, Handler handler) {
		this.logger = logger;
		this.label = label;
		this.threadName = threadName;
		this.limits = limits;
		this.handler = handler;
		this.cutOffs = new CutOffWarnings(logger);
	}

	/**
	 * Serve an accepted connection on a new thread, or close it when the server serves
	 * as many as it may.
	 * @param channel the accepted connection
	 * @return the connection being served, or {@code null} if it was refused
	 * @throws IOException if no thread can be started for it, which refuses it too
	 */
	@Nullable ControlConnection admit(SocketChannel channel) throws IOException {
		if (this.open.incrementAndGet() > this.limits.connections()) {
			this.open.decrementAndGet();
			channel.close();
			this.cutOffs.warn(this.label + " refused a connection: " + this.limits.connections()
					+ " connections are open, the most it serves at once");
			return null;
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
		return connection;
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
			this.logger.trace(this.label + ": a connection ended", ex);
		}
		catch (RuntimeException ex) {
			this.cutOffs.warn(this.label + " cut off a connection whose message it could not handle: " + ex);
			this.logger.debug(this.label + " could not handle a message", ex);
		}
		finally {
			this.connections.remove(connection);
			this.open.decrementAndGet();
			this.handler.onClosed(connection);
		}
	}

	/**
	 * Close every connection being served.
	 * @throws IOException if a connection cannot be closed
	 */
	void closeAll() throws IOException {
		for (ControlConnection connection : this.connections) {
			connection.close();
		}
	}

}
