package dev.clusterboot.channel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A handler that keeps every message it receives, for tests to wait for.
 */
final class RecordingHandler implements ControlServer.Handler {

	private final BlockingQueue<ControlMessage> received = new LinkedBlockingQueue<>();

	@Override
	public void onMessage(ControlConnection connection, ControlMessage message) {
		this.received.add(message);
	}

	@Override
	public void onClosed(ControlConnection connection) {
	}

	/**
	 * Wait up to five seconds for the next message.
	 * @return the message, or {@code null} if none came
	 */
	@Nullable ControlMessage next() throws InterruptedException {
		return this.received.poll(5, TimeUnit.SECONDS);
	}

	@Nullable ControlMessage next(long millis) throws InterruptedException {
		return this.received.poll(millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Return the messages received so far.
	 * @return the messages, oldest first
	 */
	BlockingQueue<ControlMessage> received() {
		return this.received;
	}

}
