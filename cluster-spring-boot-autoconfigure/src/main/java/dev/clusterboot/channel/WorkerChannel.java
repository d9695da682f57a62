package dev.clusterboot.channel;

import java.io.IOException;

/**
 * The master's end of one worker's control connection, as the supervision core uses it.
 *
 * @author cluster-spring-boot-starter
 */
@FunctionalInterface
public interface WorkerChannel {

	/**
	 * Send a message to the worker.
	 * @param message the message
	 * @throws IOException if the worker is gone
	 */
	void send(ControlMessage message) throws IOException;

	/**
	 * Queue a message from another worker, without waiting. A channel without a queue of
	 * its own refuses every one.
	 * @param line the encoded {@link ControlMessage.Deliver}
	 * @return whether it was queued; {@code false} when the queue is full or the worker is
	 * gone
	 */
	default boolean offer(byte[] line) {
		return false;
	}

}
