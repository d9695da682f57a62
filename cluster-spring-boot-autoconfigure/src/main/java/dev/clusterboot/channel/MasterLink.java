package dev.clusterboot.channel;

import java.io.IOException;

/**
 * A worker's way to send to its master on its control connection, as the worker's
 * features use it: the messages for other workers, the state it found, its heartbeat.
 * The worker's agent implements it; a feature needs nothing else of the agent.
 *
 * @author cluster-spring-boot-starter
 */
@FunctionalInterface
public interface MasterLink {

	/**
	 * Send a message to the master now.
	 * @param message the message
	 * @throws IOException if the worker is not connected or the master cannot be reached
	 */
	void send(ControlMessage message) throws IOException;

	/**
	 * Report something of this worker to the master, if it still matters: a report is
	 * dropped, without an error, when the master cannot be reached or this worker is
	 * already leaving the cluster.
	 * @param message the report
	 */
	default void report(ControlMessage message) {
		try {
			send(message);
		}
		catch (IOException ex) {
			// a report that cannot reach the master is dropped
		}
	}

}
