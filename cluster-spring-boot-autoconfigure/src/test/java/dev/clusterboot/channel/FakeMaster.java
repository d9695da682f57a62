package dev.clusterboot.channel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.clusterboot.api.ClusterRole;

/**
 * The master a worker's context needs to start in {@code ApplicationContextRunner} tests: a
 * control server that accepts workers and ignores what they send, or hands it to the test.
 * A JUnit extension that starts the server before each test and closes it after:
 * <pre>
 * &#64;RegisterExtension
 * final FakeMaster master = FakeMaster.silent();
 * </pre>
 */
public final class FakeMaster implements BeforeEachCallback, AfterEachCallback {

	private final BiConsumer<ControlConnection, ControlMessage> onMessage;

	private @Nullable ControlServer server;

	private boolean closed;

	private FakeMaster(BiConsumer<ControlConnection, ControlMessage> onMessage) {
		this.onMessage = onMessage;
	}

	/**
	 * A master that ignores every message.
	 * @return the extension
	 */
	public static FakeMaster silent() {
		return new FakeMaster((connection, message) -> {
		});
	}

	/**
	 * A master that passes every message to the test and ignores closed connections.
	 * @param onMessage what to do with each message
	 * @return the extension
	 */
	public static FakeMaster onMessage(BiConsumer<ControlConnection, ControlMessage> onMessage) {
		return new FakeMaster(onMessage);
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		this.closed = false;
		this.server = ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
				FakeMaster.this.onMessage.accept(connection, message);
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		});
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	/**
	 * Stop answering, as a master that is gone: workers that start from now on find no one
	 * at the socket.
	 */
	public void close() {
		if (this.server != null && !this.closed) {
			this.closed = true;
			this.server.close();
		}
	}

	/**
	 * Return the path of this master's control socket.
	 * @return the socket's path
	 */
	public Path socket() {
		return server().socket();
	}

	private ControlServer server() {
		if (this.server == null) {
			throw new IllegalStateException("The fake master runs only during a test");
		}
		return this.server;
	}

	/**
	 * Return the environment a master gives a worker, as property values for a context
	 * runner: the worker's id, this master's socket and a master pid.
	 * @param worker the worker's slot id
	 * @return the property values
	 */
	public String[] workerEnvironment(int worker) {
		return new String[] { ClusterRole.WORKER_ID_VARIABLE + "=" + worker,
				WorkerEnvironment.CONTROL_SOCKET_VARIABLE + "=" + socket(),
				WorkerEnvironment.MASTER_PID_VARIABLE + "=1" };
	}

}
