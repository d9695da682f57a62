package dev.clusterboot.agent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.ClusterUnavailableException;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClusterStatusClient} against a master that never answers.
 */
class ClusterStatusClientTests {

	@Test
	void aStuckMasterCostsOneTimeoutNotOnePerCallerWithinTheMaximumAge() throws IOException {
		AtomicInteger requests = new AtomicInteger();
		try (ControlServer stuck = ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
				requests.incrementAndGet();
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		}); ClusterStatusClient client = new ClusterStatusClient(stuck.socket(), Duration.ofMillis(200),
				Duration.ofSeconds(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
			assertThatExceptionOfType(ClusterUnavailableException.class).isThrownBy(client::fetch);
			assertThat(client.recent()).isNull();
			assertThat(client.recent()).isNull();
			assertThat(requests).hasValue(1);
		}
	}

}
