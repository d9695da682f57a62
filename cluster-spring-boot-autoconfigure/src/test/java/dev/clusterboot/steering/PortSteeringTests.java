package dev.clusterboot.steering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.SteeredWorker;
import dev.clusterboot.api.status.SteeringState;
import dev.clusterboot.api.status.SteeringStatus;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortSteering}, driven on a clock that the test moves.
 */
class PortSteeringTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	private Instant now = START;

	private final PortSteering steering = new PortSteering(SteeringMode.HEALTH, SteeringSettings.DEFAULTS);

	@Test
	void theFirstTickSendsAProgramForEveryJoinedWorker() {
		joinBoth();
		SteerRequest request = this.steering.tick(this.now);
		assertThat(request).isNotNull();
		assertThat(sockets(request.words())).containsExactly(0L, 1L);
	}

	@Test
	void aWorkerThatStopsReportingIsExcludedAndTheOtherAttachesTheProgramWithoutIt() {
		joinBoth();
		attach(this.steering.tick(this.now));
		for (int i = 0; i < 4; i++) {
			advance(100);
			this.steering.load(11, new SteeringMessage.Load(0, i, true, 0), this.now);
			assertThat(this.steering.tick(this.now)).isNull();
		}
		advance(100);
		this.steering.load(11, new SteeringMessage.Load(0, 4, true, 0), this.now);
		SteerRequest request = this.steering.tick(this.now);
		assertThat(request).isNotNull();
		assertThat(request.pid()).isEqualTo(11);
		assertThat(sockets(request.words())).containsExactly(0L);
		assertThat(this.steering.status((pid) -> null).workers()).extracting(SteeredWorker::exclusion)
			.containsExactly(null, "UNRESPONSIVE");
	}

	@Test
	void aReportBringsAnUnresponsiveWorkerBack() {
		joinBoth();
		attach(this.steering.tick(this.now));
		advance(500);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		attach(this.steering.tick(this.now));
		advance(100);
		this.steering.load(12, new SteeringMessage.Load(0, 0, true, 0), this.now);
		SteerRequest request = this.steering.tick(this.now);
		assertThat(request).isNotNull();
		assertThat(request.pid()).isEqualTo(12);
		assertThat(sockets(request.words())).containsExactly(0L, 1L);
	}

	@Test
	void aWorkerThatSaysItRefusesTrafficIsExcludedUntilItAcceptsAgain() {
		joinBoth();
		attach(this.steering.tick(this.now));
		advance(100);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.load(12, new SteeringMessage.Load(0, 0, false, 0), this.now);
		SteerRequest request = this.steering.tick(this.now);
		assertThat(request).isNotNull();
		assertThat(sockets(request.words())).containsExactly(0L);
		assertThat(this.steering.status((pid) -> null).workers()).extracting(SteeredWorker::exclusion)
			.containsExactly(null, "NOT_READY");
		attach(request);
		advance(100);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.load(12, new SteeringMessage.Load(0, 0, true, 0), this.now);
		SteerRequest back = this.steering.tick(this.now);
		assertThat(back).isNotNull();
		assertThat(sockets(back.words())).containsExactly(0L, 1L);
	}

	@Test
	void eachTurnAwayCountsOnceByReasonAndEachAttachedProgramCounts() {
		joinBoth();
		attach(this.steering.tick(this.now));
		for (int i = 0; i < 3; i++) {
			advance(100);
			this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
			this.steering.load(12, new SteeringMessage.Load(0, 0, false, 0), this.now);
			SteerRequest request = this.steering.tick(this.now);
			if (request != null) {
				attach(request);
			}
		}
		SteeringStatus status = this.steering.status((pid) -> null);
		assertThat(status.exclusions()).containsEntry("NOT_READY", 1L)
			.containsEntry("UNRESPONSIVE", 0L)
			.containsOnlyKeys("UNRESPONSIVE", "DRAINING", "NOT_READY", "STALLED");
		assertThat(status.programs()).isEqualTo(2);
	}

	@Test
	void anUnresponsiveWorkerIsNeverAskedToAttach() {
		joinBoth();
		attach(this.steering.tick(this.now));
		advance(500);
		assertThat(this.steering.tick(this.now)).isNull();
	}

	@Test
	void oneProgramIsOnItsWayAtATimeAndAnUnansweredOneIsSentAgain() {
		joinBoth();
		assertThat(this.steering.tick(this.now)).isNotNull();
		advance(100);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.load(12, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.draining(12);
		assertThat(this.steering.tick(this.now)).isNull();
		advance(400);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		SteerRequest again = this.steering.tick(this.now);
		assertThat(again).isNotNull();
		assertThat(sockets(again.words())).containsExactly(0L);
	}

	@Test
	void aDrainingWorkersFirstProgramGivesItNothingAndStaysInPlace() {
		joinBoth();
		attach(this.steering.tick(this.now));
		this.steering.draining(11);
		int[] steerFirst = this.steering.programExcluding(11);
		assertThat(steerFirst).isNotNull();
		assertThat(sockets(steerFirst)).containsExactly(1L);
		assertThat(this.steering.tick(this.now)).isNull();
		assertThat(this.steering.status((pid) -> null).workers()).extracting(SteeredWorker::exclusion)
			.containsExactly("DRAINING", null);
	}

	@Test
	void aDrainingWorkerWhoseOthersMayNotTakeConnectionsStillGetsNothing() {
		joinBoth();
		advance(500);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.tick(this.now);
		assertThat(sockets(this.steering.programExcluding(11))).containsExactly(1L);
	}

	@Test
	void whenNoOtherWorkerMayTakeConnectionsADrainingWorkerStillGetsNoneFromTheNextPrograms() {
		joinBoth();
		attach(this.steering.tick(this.now));
		this.steering.draining(11);
		assertThat(sockets(this.steering.programExcluding(11))).containsExactly(1L);
		// the other worker misses its reports, as one starved while a replacement boots
		advance(500);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		SteerRequest next = this.steering.tick(this.now);
		if (next != null) {
			// the kernel's hash would hand the leaving worker its share until it closes
			assertThat(sockets(next.words())).containsExactly(1L);
		}
		assertThat(this.steering.status((pid) -> null).workers()).extracting(SteeredWorker::exclusion)
			.containsExactly("DRAINING", "UNRESPONSIVE");
		assertThat(this.steering.status((pid) -> null).workers()).as("the decision, sent or already in place")
			.extracting(SteeredWorker::sharePercent)
			.containsExactly(0, 100);
	}

	@Test
	void leastWritesTheWorkersThatAreNotLeavingAsEligibleWhenNoWorkerMayTakeConnections() {
		List<String> written = new ArrayList<>();
		PortSteering least = leastWithBothSteered(written);
		least.draining(11);
		least.programExcluding(11);
		advance(500);
		least.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		least.tick(this.now);
		assertThat(written).last().isEqualTo("[11, 12] [false, true]");
	}

	@Test
	void aWorkerThatCannotSteerStopsEveryProgram() {
		this.steering.joined(11, 100, null, this.now);
		this.steering.joined(12, 200, "JNA is not on the class path", this.now);
		assertThat(this.steering.tick(this.now)).isNull();
		assertThat(this.steering.programExcluding(11)).isNull();
		SteeringStatus status = this.steering.status((pid) -> null);
		assertThat(status.state()).isEqualTo(SteeringState.UNAVAILABLE);
		assertThat(status.unavailable()).contains("pid 12").contains("JNA is not on the class path");
	}

	@Test
	void aRefusedProgramStopsEveryProgram() {
		joinBoth();
		SteerRequest request = this.steering.tick(this.now);
		this.steering.steered(request.pid(), "EPERM (1)");
		advance(100);
		this.steering.draining(11);
		assertThat(this.steering.tick(this.now)).isNull();
		assertThat(this.steering.status((pid) -> null).unavailable()).endsWith("EPERM (1)");
	}

	@Test
	void aProgramInPlaceWhenSteeringBecomesUnavailableGivesTheChoiceBackToTheHash() {
		joinBoth();
		attach(this.steering.tick(this.now));
		advance(100);
		this.steering.joined(13, 300, "JNA is not on the class path", this.now);
		SteerRequest release = this.steering.tick(this.now);
		assertThat(release).isNotNull();
		assertThat(release.pid()).isIn(11L, 12L);
		assertThat(sockets(release.words())).containsExactly((long) SteeringProgramCompiler.FALLBACK & 0xFFFFFFFFL);
		assertThat(this.steering.tick(this.now)).isNull();
		this.steering.steered(release.pid(), null);
		advance(1000);
		assertThat(this.steering.tick(this.now)).isNull();
		assertThat(this.steering.status((pid) -> null).state()).isEqualTo(SteeringState.UNAVAILABLE);
	}

	@Test
	void anUnansweredReleaseGoesToAnotherWorkerThatCanAttachIt() {
		joinBoth();
		attach(this.steering.tick(this.now));
		advance(100);
		this.steering.load(12, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.joined(13, 300, "JNA is not on the class path", this.now);
		SteerRequest first = this.steering.tick(this.now);
		assertThat(first.pid()).isEqualTo(12);
		advance(500);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		SteerRequest again = this.steering.tick(this.now);
		assertThat(again).isNotNull();
		assertThat(again.pid()).isEqualTo(11);
		assertThat(first.words()).isEqualTo(again.words());
	}

	@Test
	void noReleaseIsSentWhenNoProgramWasAttached() {
		joinBoth();
		this.steering.joined(13, 300, "JNA is not on the class path", this.now);
		assertThat(this.steering.tick(this.now)).isNull();
	}

	@Test
	void aRefusedProgramIsReleasedThroughAnotherWorker() {
		joinBoth();
		attach(this.steering.tick(this.now));
		advance(100);
		this.steering.load(11, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.load(12, new SteeringMessage.Load(0, 0, true, 0), this.now);
		this.steering.draining(11);
		SteerRequest refused = this.steering.tick(this.now);
		this.steering.steered(refused.pid(), "EINVAL (22)");
		SteerRequest release = this.steering.tick(this.now);
		assertThat(release).isNotNull();
		assertThat(release.pid()).isNotEqualTo(refused.pid());
	}

	@Test
	void leastSharesTheGroupAndWhoMayTakeConnectionsBeforeADrainIsSent() {
		List<String> written = new ArrayList<>();
		PortSteering least = leastWithBothSteered(written);
		assertThat(written).containsExactly("[11, 12] [true, true]");
		least.tick(this.now);
		assertThat(written).as("an unchanged group is not written again").hasSize(1);
		least.draining(12);
		assertThat(least.programExcluding(12)).isNotNull();
		assertThat(written).last().isEqualTo("[11, 12] [true, false]");
		least.left(12);
		least.tick(this.now);
		assertThat(written).last().isEqualTo("[11] [true]");
	}

	/**
	 * A {@code least} steering whose workers 11 and 12 joined and attached the first
	 * program, writing each group it shares into the given list.
	 */
	private PortSteering leastWithBothSteered(List<String> written) {
		PortSteering least = new PortSteering(SteeringMode.LEAST, SteeringSettings.DEFAULTS);
		least.shareGroup((pids, eligible) -> written.add(pids + " " + eligible));
		least.joined(11, 100, null, this.now);
		least.joined(12, 200, null, this.now);
		least.steered(least.tick(this.now).pid(), null);
		return least;
	}

	@Test
	void leastWritesAnEmptyGroupWhenSteeringBecomesUnavailable() {
		PortSteering least = new PortSteering(SteeringMode.LEAST, SteeringSettings.DEFAULTS);
		List<String> written = new ArrayList<>();
		least.shareGroup((pids, eligible) -> written.add(pids + " " + eligible));
		least.joined(11, 100, null, this.now);
		least.tick(this.now);
		least.joined(12, 200, "JNA is not on the class path", this.now);
		assertThat(written).last().isEqualTo("[] []");
	}

	@Test
	void theGroupIsOrderedByJoinTimeRatherThanByArrival() {
		this.steering.joined(12, 200, null, this.now);
		this.steering.joined(13, 300, null, this.now);
		this.steering.joined(11, 100, null, this.now);
		this.steering.tick(this.now);
		assertThat(this.steering.status((pid) -> (int) pid - 10).workers()).extracting(SteeredWorker::worker)
			.containsExactly(1, 2, 3);
	}

	@Test
	void theStatusShowsEachWorkersShare() {
		joinBoth();
		this.steering.tick(this.now);
		SteeringStatus status = this.steering.status((pid) -> null);
		assertThat(status.mode()).isEqualTo("HEALTH");
		assertThat(status.state()).isEqualTo(SteeringState.ACTIVE);
		assertThat(status.workers()).extracting(SteeredWorker::sharePercent).containsExactly(50, 50);
	}

	@Test
	void offTakesNoReportsAndSendsNothing() {
		PortSteering off = new PortSteering(SteeringMode.OFF, SteeringSettings.DEFAULTS);
		SteeringReports.deliver(off, 11, new SteeringMessage.PortJoined(100, null), this.now);
		SteeringReports.deliver(off, 12, new SteeringMessage.PortJoined(200, null), this.now);
		assertThat(off.tick(this.now)).isNull();
		assertThat(off.programExcluding(11)).isNull();
		assertThat(off.status((pid) -> null)).isEqualTo(SteeringStatus.OFF);
	}

	@Test
	void theReportsOfSteeringAreRecognised() {
		assertThat(SteeringReports.isReport(new SteeringMessage.Load(1, 2, true, 0))).isTrue();
		assertThat(SteeringReports.isReport(new SteeringMessage.PortLeft())).isTrue();
		assertThat(SteeringReports.isReport(new ControlMessage.Drain(1))).isFalse();
	}

	private void joinBoth() {
		this.steering.joined(11, 100, null, this.now);
		this.steering.joined(12, 200, null, this.now);
	}

	private void attach(SteerRequest request) {
		assertThat(request).isNotNull();
		this.steering.steered(request.pid(), null);
	}

	private void advance(long millis) {
		this.now = this.now.plus(Duration.ofMillis(millis));
	}

	/**
	 * Return the sockets a program sends new connections to, over the whole range of
	 * random numbers.
	 */
	private static Set<Long> sockets(int[] words) {
		List<BpfInstruction> instructions = new ArrayList<>();
		for (int i = 0; i < words.length; i += 4) {
			instructions.add(new BpfInstruction(words[i], words[i + 1], words[i + 2], words[i + 3]));
		}
		BpfProgram program = new BpfProgram(instructions);
		Set<Long> sockets = new TreeSet<>();
		for (long random = 0; random < (1L << 32); random += (1L << 24)) {
			sockets.add(CbpfInterpreter.run(program, CbpfInterpreter.Packet.ipv4("10.0.0.1", (int) random)));
		}
		return sockets;
	}

}
