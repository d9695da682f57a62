package dev.clusterboot.channel;

import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.StatusFixtures;
import dev.clusterboot.api.status.WorkerHealth;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.api.status.WorkerState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the control channel: {@link ControlServer}, {@link ControlConnection} and the
 * worker's {@link ClusterStatusClient}, over a real Unix domain socket.
 */
class ControlChannelTests {

	private static final ClusterStatus STATUS = StatusFixtures.cluster(StatusFixtures.worker(1, 43L, WorkerState.UP),
			StatusFixtures.worker(2, 44L, WorkerState.BACKOFF));

	@Test
	void carriesWorkerMessagesToTheMasterAndStatusBack() throws Exception {
		BlockingQueue<ControlMessage> received = new LinkedBlockingQueue<>();
		try (ControlServer server = ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
				received.add(message);
				if (message instanceof ControlMessage.StatusRequest) {
					try {
						connection.send(new ControlMessage.StatusReply(STATUS, null));
					}
					catch (java.io.IOException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		})) {
			assertThat(Files.getPosixFilePermissions(server.socket().getParent()))
				.containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
						java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
						java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
			try (ControlConnection worker = ControlConnection.connect(server.socket())) {
				worker.send(new ControlMessage.Hello(1, 43, "token"));
				worker.send(new ControlMessage.Heartbeat(new WorkerReport(true, WorkerHealth.UP, 12, 1024L)));
				assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ControlMessage.Hello(1, 43, "token"));
				assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new ControlMessage.Heartbeat(new WorkerReport(true, WorkerHealth.UP, 12, 1024L)));
			}
			try (ClusterStatusClient client = new ClusterStatusClient(server.socket())) {
				assertThat(client.fetch()).isEqualTo(STATUS);
			}
		}
	}

	@Test
	void closingTheServerRemovesItsPrivateDirectory() throws Exception {
		ControlServer server = ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		});
		server.close();
		assertThat(server.socket().getParent()).doesNotExist();
	}

}
