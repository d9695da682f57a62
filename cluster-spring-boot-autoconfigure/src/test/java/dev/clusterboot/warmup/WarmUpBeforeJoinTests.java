package dev.clusterboot.warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clusterboot.portgroup.PortGroupMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WarmUpBeforeJoin}: a staged worker warms up on its private address
 * and only then joins; a standby warms up and waits; a worker that joined as it started
 * is left alone.
 */
class WarmUpBeforeJoinTests {

	private final AtomicInteger served = new AtomicInteger();

	private HttpServer privateListener;

	@BeforeEach
	void startPrivateListener() throws IOException {
		this.privateListener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.privateListener.createContext("/", (exchange) -> {
			this.served.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.privateListener.start();
	}

	@AfterEach
	void stopPrivateListener() {
		this.privateListener.stop(0);
	}

	@Test
	void warmsUpOnThePrivateAddressAndOnlyThenJoins() {
		RecordingMember member = new RecordingMember(this.privateListener.getAddress());
		new WarmUpBeforeJoin(1, runner(5), member, false).onApplicationEvent(null);
		assertThat(member.servedAtJoin).isEqualTo(5);
		assertThat(member.joined()).isTrue();
	}

	@Test
	void standbyWarmsUpAndWaitsForTheMaster() {
		RecordingMember member = new RecordingMember(this.privateListener.getAddress());
		new WarmUpBeforeJoin(1, runner(5), member, true).onApplicationEvent(null);
		assertThat(this.served).hasValue(5);
		assertThat(member.joined()).isFalse();
	}

	@Test
	void stagedWorkerWithoutWarmUpJoinsAtOnce() {
		RecordingMember member = new RecordingMember(this.privateListener.getAddress());
		new WarmUpBeforeJoin(1, null, member, false).onApplicationEvent(null);
		assertThat(member.servedAtJoin).isZero();
		assertThat(member.joined()).isTrue();
	}

	@Test
	void workerThatJoinedAsItStartedDoesNotWarmUp() {
		RecordingMember member = new RecordingMember(this.privateListener.getAddress());
		member.join();
		new WarmUpBeforeJoin(1, runner(5), member, false).onApplicationEvent(null);
		assertThat(this.served).hasValue(0);
	}

	private static WarmUpRunner runner(long requests) {
		return new WarmUpRunner(List.of(new WarmUpRoute("GET", "/", Map.of())),
				new WarmUpLimits(Duration.ofMinutes(1), requests, 1, Duration.ofMinutes(1)));
	}

	private final class RecordingMember implements PortGroupMember {

		private final InetSocketAddress privateAddress;

		private volatile int servedAtJoin = -1;

		RecordingMember(InetSocketAddress privateAddress) {
			this.privateAddress = privateAddress;
		}

		@Override
		public void join() {
			this.servedAtJoin = WarmUpBeforeJoinTests.this.served.get();
		}

		@Override
		public boolean joined() {
			return this.servedAtJoin >= 0;
		}

		@Override
		public OptionalLong joinedAtNanos() {
			return OptionalLong.empty();
		}

		@Override
		public @Nullable InetSocketAddress privateAddress() {
			return joined() ? null : this.privateAddress;
		}

		@Override
		public void leave() {
		}

		@Override
		public long requestCount() {
			return 0;
		}

	}

}
