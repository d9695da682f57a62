package dev.clusterboot.channel;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The master's queue of what to write to one worker, and the thread that writes it, so
 * that a worker that does not read blocks neither the master's loop nor the worker that
 * sent it a message.
 * <p>
 * The master's own messages (a drain) are always queued, and written before any message
 * between workers. Messages between workers are queued only while the queue holds fewer
 * than its limit in bytes; beyond it they are refused, for the caller to count as dropped,
 * so that a slow receiver costs the master a bounded amount of memory.
 *
 * @author cluster-spring-boot-starter
 */
public final class Outbox implements WorkerChannel {

	/**
	 * The most bytes of messages between workers queued for one worker: sixteen messages
	 * of the largest size, or thousands of small ones.
	 */
	public static final long LIMIT_BYTES = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(Outbox.class);

	private final ControlConnection connection;

	private final long limitBytes;

	private final Deque<byte[]> control = new ArrayDeque<>();

	private final Deque<byte[]> messages = new ArrayDeque<>();

	private long queuedBytes;

	private boolean closed;

	/**
	 * Create an outbox and start its writer thread.
	 * @param connection the worker's connection
	 * @param name names the writer thread
	 * @param limitBytes the most bytes of messages between workers to queue
	 */
	public Outbox(ControlConnection connection, String name, long limitBytes) {
		this.connection = connection;
		this.limitBytes = limitBytes;
		Thread writer = new Thread(null, this::write, name, 256 * 1024);
		writer.setDaemon(true);
		writer.start();
	}

	@Override
	public void send(ControlMessage message) throws IOException {
		byte[] line = ControlConnection.encode(message);
		synchronized (this) {
			if (this.closed) {
				throw new IOException("The worker's connection is closed");
			}
			this.control.add(line);
			notifyAll();
		}
	}

	@Override
	public synchronized boolean offer(byte[] line) {
		if (this.closed || this.queuedBytes + line.length > this.limitBytes) {
			return false;
		}
		this.messages.add(line);
		this.queuedBytes += line.length;
		notifyAll();
		return true;
	}

	/**
	 * Return the bytes of messages between workers waiting to be written.
	 * @return the queued bytes
	 */
	synchronized long queuedBytes() {
		return this.queuedBytes;
	}

	/**
	 * Stop writing and forget what is queued; the writer thread ends.
	 */
	public synchronized void close() {
		this.closed = true;
		this.control.clear();
		this.messages.clear();
		this.queuedBytes = 0;
		notifyAll();
	}

	private void write() {
		try {
			byte @Nullable [] line;
			while ((line = next()) != null) {
				this.connection.sendEncoded(line);
			}
		}
		catch (IOException ex) {
			logger.trace("Stopped writing to a worker", ex);
			close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized byte @Nullable [] next() throws InterruptedException {
		while (!this.closed && this.control.isEmpty() && this.messages.isEmpty()) {
			wait();
		}
		if (this.closed) {
			return null;
		}
		if (!this.control.isEmpty()) {
			return this.control.poll();
		}
		byte[] line = this.messages.remove();
		this.queuedBytes -= line.length;
		return line;
	}

}
