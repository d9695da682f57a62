package dev.clusterboot.channel;

import java.io.IOException;

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
		return ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		});
	}

}
