package dev.clusterboot.actuate.endpoint;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.LeaderStatus;
import dev.clusterboot.api.status.LeadershipScope;
import dev.clusterboot.api.status.StandbyPool;
import dev.clusterboot.api.status.StatusFixtures;
import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.FakeMaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what {@link ClusterEndpoint} shows of the leader, from a status that came
 * over the control channel from a stand-in master, written as JSON.
 */
class ClusterEndpointTests {

	private static final Instant SINCE = Instant.parse("2026-12-01T13:16:04Z");

	private final JsonMapper json = JsonMapper.builder().build();

	private volatile @Nullable ClusterStatus status;

	@RegisterExtension
	final FakeMaster master = FakeMaster.onMessage((connection, message) -> {
			try {
				connection.send(new ControlMessage.StatusReply(this.status, null));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});

	@Test
	void theLeaderOfAHostShowsItsScopeAndNoLock() {
		JsonNode leader = leaderAsShown(new LeaderStatus(1, 101, SINCE, LeadershipScope.HOST, null));
		assertThat(leader.get("scope").asString()).isEqualTo("HOST");
		assertThat(leader.get("lock").isNull()).isTrue();
	}

	@Test
	void theLeaderAcrossHostsShowsTheLockAndWhetherThisHostHoldsIt() {
		JsonNode leader = leaderAsShown(new LeaderStatus(1, 101, SINCE, LeadershipScope.ALL_HOSTS,
				new LeaderStatus.SharedLockStatus("reports", true, SINCE.plusSeconds(1))));
		assertThat(leader.get("worker").asInt()).isEqualTo(1);
		assertThat(leader.get("scope").asString()).isEqualTo("ALL_HOSTS");
		assertThat(leader.get("lock").get("key").asString()).isEqualTo("reports");
		assertThat(leader.get("lock").get("held").asBoolean()).isTrue();
		assertThat(leader.get("lock").get("since").asString()).isEqualTo("2026-12-01T13:16:05Z");
	}

	private JsonNode leaderAsShown(LeaderStatus leader) {
		ClusterStatus base = StatusFixtures.cluster(StatusFixtures.worker(1, 101, WorkerState.UP));
		this.status = new ClusterStatus(base.time(), base.master(), base.desiredWorkers(), base.workers(),
				base.restarts(), null, base.stateWarnings(), leader, StandbyPool.NONE, Map.of(), SteeringStatus.OFF);
		try (ClusterStatusClient client = new ClusterStatusClient(this.master.socket())) {
			return this.json.valueToTree(new ClusterEndpoint(client).cluster()).get("leader");
		}
	}

}
