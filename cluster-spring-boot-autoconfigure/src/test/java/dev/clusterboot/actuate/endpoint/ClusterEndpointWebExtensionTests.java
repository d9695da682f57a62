package dev.clusterboot.actuate.endpoint;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.StatusFixtures;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterEndpointWebExtension}, against a stand-in master that refuses
 * every scale to more than two workers, as the real one refuses a scale while the
 * cluster stops.
 */
class ClusterEndpointWebExtensionTests {

	private static final ClusterStatus ONE_WORKER = StatusFixtures
		.cluster(StatusFixtures.worker(1, 101, WorkerState.UP));

	private ControlServer master;

	private ClusterStatusClient client;

	private ClusterEndpointWebExtension extension;

	@BeforeEach
	void startMaster() throws IOException {
		this.master = ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
				String refused = (message instanceof ControlMessage.ScaleRequest scale && scale.workers() > 2)
						? "the cluster is stopping" : null;
				try {
					connection.send(new ControlMessage.StatusReply(ONE_WORKER, refused));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		});
		this.client = new ClusterStatusClient(this.master.socket());
		this.extension = new ClusterEndpointWebExtension(new ClusterEndpoint(this.client));
	}

	@AfterEach
	void stopMaster() {
		this.client.close();
		this.master.close();
	}

	@Test
	void aScaleOutsideTheBoundsAnswers400WithTheBoundsInTheBody() {
		WebEndpointResponse<OperationResponseBody> response = this.extension.change(null, 65);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).isInstanceOfSatisfying(ClusterEndpointWebExtension.ChangeError.class,
				(error) -> {
					assertThat(error.status()).isEqualTo(400);
					assertThat(error.error()).isEqualTo("Bad Request");
					assertThat(error.message()).isEqualTo(
							"'workers' must be from 1 to 64 (the bounds of cluster.workers), not 65");
				});
	}

	@Test
	void anUnknownActionAnswers400NamingTheOnlyAction() {
		WebEndpointResponse<OperationResponseBody> response = this.extension.change("reload", null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ClusterEndpointWebExtension.ChangeError) response.getBody()).message())
			.isEqualTo("Unknown action 'reload'; the only action is 'restart'");
	}

	@Test
	void aScaleTheMasterRefusesAnswers409WithTheMastersReason() {
		WebEndpointResponse<OperationResponseBody> response = this.extension.change(null, 3);
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(((ClusterEndpointWebExtension.ChangeError) response.getBody()).message())
			.isEqualTo("The cluster master refused: the cluster is stopping");
	}

	@Test
	void aScaleTheMasterAppliesAnswers200WithTheCluster() {
		WebEndpointResponse<OperationResponseBody> response = this.extension.change(null, 2);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isInstanceOfSatisfying(ClusterEndpoint.ClusterDescriptor.class,
				(cluster) -> assertThat(cluster.upWorkers()).isEqualTo(1));
	}

}
