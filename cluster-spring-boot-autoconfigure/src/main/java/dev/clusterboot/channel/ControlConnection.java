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

/**
 * One connection of the channel: newline-delimited JSON {@link ControlMessage messages}
 * over a Unix domain socket.
 * <p>
 * A Unix domain socket rather than pipes, because the master's pipes to a worker already
 * carry its standard output, and Java's {@link ProcessBuilder} cannot hand a child any
 * further descriptor. The socket lives in a directory that only the user can enter, so
 * no other user can connect; the connection's end of file tells a worker at once that
 * its master is gone. Reads and writes go straight to the channel, which allows one
 * reader and one writer at a time, so a thread blocked in {@link #receive()} never holds
 * up a {@link #send(ControlMessage)} from another.
 * <p>
 * Each side limits the lines it reads, so that a peer cannot make it buffer without end:
 * the limit suits what that side expects to receive (small requests on the master's side,
 * megabytes of scrape on the side that asked for one).
 *
 * @author cluster-spring-boot-starter
 */
public final class ControlConnection implements Closeable {

	/**
	 * The longest line that {@link #connect(Path)} accepts: room for the master's status
	 * of a cluster of the largest size many times over.
	 */
	public static final int REPLY_LINE_LIMIT = 16 * 1024 * 1024;

	private static final int READ_BUFFER = 8192;

	private final SocketChannel channel;

	private final int lineLimit;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER).flip();

	private ByteArrayOutputStream line = new ByteArrayOutputStream();

	/**
	 * Wrap a connected channel.
	 * @param channel the connected channel, in blocking mode
	 * @param lineLimit the longest line to read, in bytes without the newline
	 */
	public ControlConnection(SocketChannel channel, int lineLimit) {
		this.channel = channel;
		this.lineLimit = lineLimit;
	}

	/**
	 * Connect to a socket, reading lines of at most {@link #REPLY_LINE_LIMIT} bytes.
	 * @param socket the path of the socket
	 * @return the connection
	 * @throws IOException if nothing listens on that socket
	 */
	public static ControlConnection connect(Path socket) throws IOException {
		return connect(socket, REPLY_LINE_LIMIT);
	}

	/**
	 * Connect to a socket.
	 * @param socket the path of the socket
	 * @param lineLimit the longest line to read, in bytes without the newline
	 * @return the connection
	 * @throws IOException if nothing listens on that socket
	 */
	public static ControlConnection connect(Path socket, int lineLimit) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
			return new ControlConnection(channel, lineLimit);
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
		sendEncoded(encode(message));
	}

	/**
	 * Write a message as the line that {@link #send(ControlMessage)} sends, newline
	 * included, so that a sender can weigh it before it is queued.
	 * @param message the message
	 * @return its line, in UTF-8
	 */
	public static byte[] encode(ControlMessage message) {
		return (ControlJson.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Write and read one example of a kind of message, so that the first real one of that
	 * kind does not wait while the JSON mapper builds what it needs for it: tens of
	 * milliseconds in a fresh JVM, which a standby would otherwise spend on the way to
	 * serving.
	 * @param example a message of that kind
	 */
	public static void prepareFor(ControlMessage example) {
		try {
			ControlJson.read(ControlJson.write(example));
		}
		catch (ControlProtocolException ex) {
			throw new IllegalStateException("The channel cannot read its own " + example.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * Send a line that {@link #encode(ControlMessage)} wrote.
	 * @param line the encoded message, newline included
	 * @throws IOException if the other side has gone
	 */
	public void sendEncoded(byte[] line) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(line);
		synchronized (this.channel) {
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
		}
	}

	/**
	 * Wait for the next message. Only one thread may receive at a time.
	 * @return the message, or {@code null} when the other side closed the connection
	 * @throws ControlProtocolException if a line is too long or is not a message
	 * @throws IOException if the connection failed
	 */
	public @Nullable ControlMessage receive() throws IOException {
		String text = readLine();
		return (text != null) ? ControlJson.read(text) : null;
	}

	private @Nullable String readLine() throws IOException {
		// a long line's buffer is dropped, so that an idle connection holds little memory
		this.line = (this.line.size() > READ_BUFFER) ? new ByteArrayOutputStream() : this.line;
		this.line.reset();
		while (true) {
			byte[] bytes = this.readBuffer.array();
			int start = this.readBuffer.position();
			int end = this.readBuffer.limit();
			for (int i = start; i < end; i++) {
				if (bytes[i] == '\n') {
					append(bytes, start, i - start);
					this.readBuffer.position(i + 1);
					return this.line.toString(StandardCharsets.UTF_8);
				}
			}
			append(bytes, start, end - start);
			this.readBuffer.clear();
			int read = this.channel.read(this.readBuffer);
			this.readBuffer.flip();
			if (read < 0) {
				return null;
			}
		}
	}

	private void append(byte[] bytes, int offset, int length) throws ControlProtocolException {
		if (this.line.size() + length > this.lineLimit) {
			throw new ControlProtocolException(
					"it sent a line longer than " + this.lineLimit + " bytes, the most this side reads", null);
		}
		this.line.write(bytes, offset, length);
	}

	/**
	 * Whether this side has not closed the connection yet.
	 * @return {@code false} once {@link #close()} ran
	 */
	public boolean isOpen() {
		return this.channel.isOpen();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
