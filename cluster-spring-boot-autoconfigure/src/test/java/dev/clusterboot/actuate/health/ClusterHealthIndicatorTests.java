package dev.clusterboot.actuate.health;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.StatusFixtures;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.api.status.WorkerStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterHealthIndicator}.
 */
class ClusterHealthIndicatorTests {

	@Test
	void upWhenEveryDesiredWorkerIsUp() {
		assertThat(health(4, 4, 3).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void degradedWhenFewerThanDesiredButAtLeastTheMinimumAreUp() {
		Health health = health(4, 3, 3);
		assertThat(health.getStatus()).isEqualTo(ClusterHealthIndicator.DEGRADED);
		assertThat(health.getDetails()).containsEntry("upWorkers", 3L).containsEntry("minUpWorkers", 3);
	}

	@Test
	void downWhenFewerThanTheMinimumAreUp() {
		assertThat(health(4, 2, 3).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void downWhenNoWorkerIsUpWhateverTheMinimum() {
		assertThat(health(2, 0, 1).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void minimumAboveTheDesiredCountMeansEveryDesiredWorker() {
		assertThat(health(2, 2, 8).getStatus()).isEqualTo(Status.UP);
		Health oneDown = health(2, 1, 8);
		assertThat(oneDown.getStatus()).isEqualTo(Status.DOWN);
		assertThat(oneDown.getDetails()).containsEntry("minUpWorkers", 2);
	}

	private static Health health(int desired, int up, int minUpWorkers) {
		List<WorkerStatus> workers = IntStream.rangeClosed(1, desired)
			.mapToObj((id) -> StatusFixtures.worker(id, 100L + id, (id <= up) ? WorkerState.UP : WorkerState.BACKOFF))
			.toList();
		ClusterStatus status = StatusFixtures.cluster(desired, workers.toArray(WorkerStatus[]::new));
		ClusterStatusClient client = new ClusterStatusClient(Path.of("unused.sock")) {

			@Override
			public ClusterStatus fetch() {
				return status;
			}

		};
		return new ClusterHealthIndicator(client, minUpWorkers).health(true);
	}

}
