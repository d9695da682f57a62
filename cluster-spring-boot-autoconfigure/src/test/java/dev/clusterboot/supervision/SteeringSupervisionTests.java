package dev.clusterboot.supervision;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.SteeredWorker;
import dev.clusterboot.api.status.SteeringState;
import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.SteeringMode;
import dev.clusterboot.steering.SteeringSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how the master's core drives connection steering: the workers' reports reach
 * it, its programs go out through a worker, a drained worker attaches a program without
 * it first, and with steering off nothing of it shows. Fake processes, a time the test
 * moves.
 */
class SteeringSupervisionTests {

	private final FakeCluster cluster = new FakeCluster();

	@Test
	void withSteeringOffNoProgramIsSentAndADrainCarriesNone() {
		this.cluster.start(2);
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		joinAndReport(first, second);
		this.cluster.operations().scale(1, this.cluster.now());
		assertThat(this.cluster.told).noneMatch((told) -> told.startsWith("Steer"));
		assertThat(drainOf(second).steerFirst()).isNull();
		assertThat(this.cluster.status().steering()).isEqualTo(SteeringStatus.OFF);
	}

	@Test
	void theGroupGetsAProgramThroughOneOfItsWorkers() {
		startSteering();
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		joinAndReport(first, second);
		assertThat(this.cluster.told).filteredOn((told) -> told.startsWith("Steer ")).hasSize(1);
		SteeringStatus steering = this.cluster.status().steering();
		assertThat(steering.state()).isEqualTo(SteeringState.ACTIVE);
		assertThat(steering.workers()).extracting(SteeredWorker::worker).containsExactly(1, 2);
		assertThat(steering.workers()).extracting(SteeredWorker::sharePercent).containsExactly(50, 50);
	}

	@Test
	void aWorkerThatStopsReportingLosesItsShareAndTheOtherAttachesTheProgram() {
		startSteering();
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		joinAndReport(first, second);
		attached(first, second);
		this.cluster.told.clear();
		this.cluster.advance(Duration.ofMillis(250));
		report(first, new SteeringMessage.Load(0, 0, true, 0));
		this.cluster.advance(Duration.ofMillis(250));
		report(first, new SteeringMessage.Load(0, 0, true, 0));
		this.cluster.advance(Duration.ZERO);
		assertThat(this.cluster.told).containsExactly("Steer " + first.pid());
		assertThat(this.cluster.status().steering().workers()).extracting(SteeredWorker::exclusion)
			.containsExactly(null, "UNRESPONSIVE");
	}

	@Test
	void aDrainedWorkerFirstAttachesAProgramThatSendsEveryConnectionToTheOther() {
		startSteering();
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		joinAndReport(first, second);
		attached(first, second);
		this.cluster.operations().scale(1, this.cluster.now());
		int[] steerFirst = drainOf(second).steerFirst();
		assertThat(steerFirst).isNotNull();
		assertThat(steerFirst).endsWith(0x06, 0, 0, 0);
	}

	@Test
	void aWorkerThatExitsLeavesTheGroup() {
		startSteering();
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		joinAndReport(first, second);
		this.cluster.exit(second, 137);
		assertThat(this.cluster.status().steering().workers()).extracting(SteeredWorker::pid)
			.containsExactly(first.pid());
	}

	private void startSteering() {
		this.cluster.steering(new MasterSettings.Steering(SteeringMode.HEALTH, SteeringSettings.DEFAULTS)).start(2);
	}

	private void joinAndReport(FakeProcess first, FakeProcess second) {
		report(first, new SteeringMessage.PortJoined(100, null));
		report(second, new SteeringMessage.PortJoined(200, null));
		this.cluster.advance(Duration.ZERO);
	}

	private void attached(FakeProcess... processes) {
		for (FakeProcess process : processes) {
			if (process.received.stream().anyMatch(SteeringMessage.Steer.class::isInstance)) {
				report(process, new SteeringMessage.Steered(null));
			}
		}
	}

	private void report(FakeProcess process, ControlMessage report) {
		this.cluster.supervisor().reports().steering(process.pid(), report, this.cluster.now());
	}

	private static ControlMessage.Drain drainOf(FakeProcess process) {
		return process.received.stream()
			.filter(ControlMessage.Drain.class::isInstance)
			.map(ControlMessage.Drain.class::cast)
			.findFirst()
			.orElseThrow();
	}

}
