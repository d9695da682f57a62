package dev.clusterboot.channel;

import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * A control server that accepts workers and ignores what they send: the master a worker's
 * context needs to start in {@code ApplicationContextRunner} tests.
 */
public final class SilentMaster {

	private SilentMaster() {
	}

	/**
	 * Start a control server whose handler ignores every message.
	 * @return the running server; close it after the test
	 * @throws IOException if the socket cannot be opened
	 */
	public static ControlServer start() throws IOException {
		return start((connection, message) -> {
		});
	}

	/**
	 * Start a control server that passes every message to a test and ignores closed
	 * connections.
	 * @param onMessage what to do with each message
	 * @return the running server; close it after the test
	 * @throws IOException if the socket cannot be opened
	 */
	public static ControlServer start(BiConsumer<ControlConnection, ControlMessage> onMessage) throws IOException {
		return ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
				onMessage.accept(connection, message);
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		});
	}

	/**
	 * Return the environment a master gives a worker, as property values for a context
	 * runner: the worker's id, this server's socket and a master pid.
	 * @param master the running server
	 * @param worker the worker's slot id
	 * @return the property values
	 */
	public static String[] workerEnvironment(ControlServer master, int worker) {
		return new String[] { "CLUSTER_WORKER_ID=" + worker, "CLUSTER_CONTROL_SOCKET=" + master.socket(),
				"CLUSTER_MASTER_PID=1" };
	}

}
