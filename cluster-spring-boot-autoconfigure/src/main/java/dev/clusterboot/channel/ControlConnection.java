package dev.clusterboot.channel;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection of the control channel: newline-delimited JSON {@link ControlMessage
 * messages} over a Unix domain socket.
 * <p>
 * A Unix domain socket rather than pipes, because the master's pipes to a worker already
 * carry its standard output, and Java's {@link ProcessBuilder} cannot hand a child any
 * further descriptor. The socket lives in a directory that only the user can enter, so
 * no other user can connect; the connection's end of file tells a worker at once that
 * its master is gone. Reads and writes go straight to the channel, which allows one
 * reader and one writer at a time, so a thread blocked in {@link #receive()} never holds
 * up a {@link #send(ControlMessage)} from another.
 *
 * @author cluster-spring-boot-starter
 */
public final class ControlConnection implements Closeable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final SocketChannel channel;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(8192).flip();

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	/**
	 * Wrap a connected channel.
	 * @param channel the connected channel, in blocking mode
	 */
	public ControlConnection(SocketChannel channel) {
		this.channel = channel;
	}

	/**
	 * Connect to a control socket.
	 * @param socket the path of the socket
	 * @return the connection
	 * @throws IOException if nothing listens on that socket
	 */
	public static ControlConnection connect(Path socket) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
			return new ControlConnection(channel);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Send a message.
	 * @param message the message
	 * @throws IOException if the other side has gone
	 */
	public void send(ControlMessage message) throws IOException {
		byte[] bytes = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		synchronized (this.channel) {
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
		}
	}

	/**
	 * Wait for the next message. Only one thread may receive at a time.
	 * @return the message, or {@code null} when the other side closed the connection
	 * @throws IOException if the connection failed or a line is not a message
	 */
	public @Nullable ControlMessage receive() throws IOException {
		String text = readLine();
		if (text == null) {
			return null;
		}
		try {
			return json.readValue(text, ControlMessage.class);
		}
		catch (RuntimeException ex) {
			throw new IOException("Unreadable control message: " + text, ex);
		}
	}

	private @Nullable String readLine() throws IOException {
		this.line.reset();
		while (true) {
			while (this.readBuffer.hasRemaining()) {
				byte next = this.readBuffer.get();
				if (next == '\n') {
					return this.line.toString(StandardCharsets.UTF_8);
				}
				this.line.write(next);
			}
			this.readBuffer.clear();
			int read = this.channel.read(this.readBuffer);
			this.readBuffer.flip();
			if (read < 0) {
				return null;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
