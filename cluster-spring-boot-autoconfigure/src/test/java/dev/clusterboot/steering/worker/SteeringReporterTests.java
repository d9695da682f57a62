package dev.clusterboot.steering.worker;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.kernel.SteeringAvailability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker reports its join with the moment its socket joined the port's group, which the
 * server took in the host's turn, and not the moment the report is sent, and not before
 * the server has taken it: the master
 * orders the workers' sockets by it, and a later moment could put two workers that
 * started together in the wrong order.
 */
class SteeringReporterTests {

	private static final long LISTENED_AT = System.nanoTime() - Duration.ofSeconds(5).toNanos();

	private final List<ControlMessage> sent = new CopyOnWriteArrayList<>();

	private final SteeringReporter reporter = new SteeringReporter(this.sent::add, new RequestLoad(), () -> true,
			() -> OptionalLong.of(LISTENED_AT), () -> true, 8080, Duration.ofMillis(100), Duration.ofMillis(100),
			(port) -> new SteeringAvailability(null, "available"));

	@AfterEach
	void stop() {
		this.reporter.destroy();
	}

	@Test
	void aJoinTheServerTellsIsReportedWithTheMomentItsSocketJoined() {
		this.reporter.joined();
		assertThat(firstReport()).isEqualTo(new SteeringMessage.PortJoined(LISTENED_AT, null));
	}

	@Test
	void aJoinTheCheckFindsIsReportedWithTheMomentItsSocketJoined() {
		this.reporter.afterPropertiesSet();
		assertThat(firstReport()).isEqualTo(new SteeringMessage.PortJoined(LISTENED_AT, null));
	}

	@Test
	void aJoinIsReportedOnlyOnceTheServerHasTakenItsMoment() {
		AtomicReference<OptionalLong> moment = new AtomicReference<>(OptionalLong.empty());
		AtomicInteger asked = new AtomicInteger();
		SteeringReporter early = new SteeringReporter(this.sent::add, new RequestLoad(), () -> true, () -> {
			asked.incrementAndGet();
			return moment.get();
		}, () -> true, 8080, Duration.ofMillis(10), Duration.ofMillis(10),
				(port) -> new SteeringAvailability(null, "available"));
		try {
			early.afterPropertiesSet();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() >= 3);
			assertThat(this.sent).noneMatch(SteeringMessage.PortJoined.class::isInstance);
			moment.set(OptionalLong.of(LISTENED_AT));
			assertThat(firstReport()).isEqualTo(new SteeringMessage.PortJoined(LISTENED_AT, null));
		}
		finally {
			early.destroy();
		}
	}

	private ControlMessage firstReport() {
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !this.sent.isEmpty());
		return this.sent.get(0);
	}

}
