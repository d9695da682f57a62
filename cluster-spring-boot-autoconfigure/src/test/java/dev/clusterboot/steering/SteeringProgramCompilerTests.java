package dev.clusterboot.steering;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusterboot.steering.CbpfInterpreter.Packet;
import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;
import dev.clusterboot.steering.weighing.PortGroupOrder;
import dev.clusterboot.steering.weighing.SteeringWeights;
import dev.clusterboot.steering.weighing.WeightPolicy;
import dev.clusterboot.steering.weighing.WorkerWeight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SteeringProgramCompiler}: each program is run by
 * {@link CbpfInterpreter} for many connections, and checked as the kernel would.
 */
class SteeringProgramCompilerTests {

	private static final long FALLBACK = 0xFFFFFFFFL;

	@Test
	void offCompilesToNoProgram() {
		assertThat(SteeringProgramCompiler.compile(new SteeringDecision(SteeringMode.OFF, List.of(0, 0), List.of())))
			.isNull();
	}

	@Test
	void noWeightLeavesTheChoiceToTheKernelsHash() {
		for (SteeringMode mode : List.of(SteeringMode.HEALTH, SteeringMode.LOAD, SteeringMode.STICKY)) {
			BpfProgram program = compile(new SteeringDecision(mode, List.of(0, 0, 0), List.of()));
			assertThat(program.instructions()).containsExactly(BpfInstruction.ret(0xFFFFFFFF));
		}
	}

	@Test
	void anEmptyGroupLeavesTheChoiceToTheKernelsHash() {
		BpfProgram program = compile(new SteeringDecision(SteeringMode.LOAD, List.of(), List.of()));
		assertThat(CbpfInterpreter.run(program, Packet.ipv4("10.0.0.1", 7))).isEqualTo(FALLBACK);
	}

	@Test
	void weightsCompileToCumulativeThresholdsOverARandomNumber() {
		BpfProgram program = compile(new SteeringDecision(SteeringMode.LOAD, List.of(1, 2, 7), List.of()));
		assertThat(program.instructions()).containsExactly(BpfInstruction.load(0xfffff038),
				BpfInstruction.jump(0x35, (int) (0x1_0000_0000L / 10), 1, 0), BpfInstruction.ret(0),
				BpfInstruction.jump(0x35, (int) (0x1_0000_0000L * 3 / 10), 1, 0), BpfInstruction.ret(1),
				BpfInstruction.ret(2));
	}

	@Test
	void socketsGetSharesInProportionToTheirWeights() {
		Map<Long, Integer> counts = sweepRandom(
				compile(new SteeringDecision(SteeringMode.LOAD, List.of(1024, 512, 0, 256), List.of())));
		assertThat(counts).doesNotContainKey(2L).doesNotContainKey(FALLBACK);
		assertThat(counts.get(0L) / 10_000.0).isCloseTo(4.0 / 7, within(0.001));
		assertThat(counts.get(1L) / 10_000.0).isCloseTo(2.0 / 7, within(0.001));
		assertThat(counts.get(3L) / 10_000.0).isCloseTo(1.0 / 7, within(0.001));
	}

	@Test
	void theOnlySocketThatServesTakesEveryConnection() {
		BpfProgram program = compile(new SteeringDecision(SteeringMode.HEALTH, List.of(0, 0, 1), List.of()));
		assertThat(sweepRandom(program)).containsOnlyKeys(2L);
	}

	@Test
	void theHighestAndLowestRandomNumbersLandOnServingSockets() {
		BpfProgram program = compile(new SteeringDecision(SteeringMode.HEALTH, List.of(0, 1, 1, 0), List.of()));
		assertThat(CbpfInterpreter.run(program, Packet.ipv4("10.0.0.1", 0))).isEqualTo(1);
		assertThat(CbpfInterpreter.run(program, Packet.ipv4("10.0.0.1", -1))).isEqualTo(2);
	}

	@Test
	void stickySendsEachIpv4AddressToItsBucketsSocket() {
		SteeringDecision decision = sticky(4);
		BpfProgram program = compile(decision);
		for (int host = 0; host < 1000; host++) {
			String address = "192.168." + (host / 256) + "." + (host % 256);
			int bucket = bucket(ByteBuffer.wrap(Packet.ipv4(address, 0).networkHeader(), 12, 4).getInt());
			assertThat(CbpfInterpreter.run(program, Packet.ipv4(address, host * 7919)))
				.isEqualTo(decision.buckets().get(bucket).longValue())
				.isEqualTo(CbpfInterpreter.run(program, Packet.ipv4(address, ~host)));
		}
	}

	@Test
	void stickyFoldsTheFourWordsOfAnIpv6Address() {
		SteeringDecision decision = sticky(5);
		BpfProgram program = compile(decision);
		for (int host = 1; host < 1000; host++) {
			String address = "2001:db8::" + Integer.toHexString(host) + ":1";
			ByteBuffer header = ByteBuffer.wrap(Packet.ipv6(address, 0).networkHeader());
			int folded = header.getInt(8) ^ header.getInt(12) ^ header.getInt(16) ^ header.getInt(20);
			assertThat(CbpfInterpreter.run(program, Packet.ipv6(address, host)))
				.isEqualTo(decision.buckets().get(bucket(folded)).longValue());
		}
	}

	@Test
	void stickySpreadsAddressesOverEveryServingSocket() {
		BpfProgram program = compile(sticky(4));
		Map<Long, Integer> counts = new HashMap<>();
		for (int host = 0; host < 4096; host++) {
			String address = "10.1." + (host / 256) + "." + (host % 256);
			counts.merge(CbpfInterpreter.run(program, Packet.ipv4(address, 0)), 1, Integer::sum);
		}
		assertThat(counts).containsOnlyKeys(0L, 1L, 2L, 3L);
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(800, 1250));
	}

	@Test
	void stickyLeavesProtocolsOtherThanIpToTheHashInsteadOfSocketZero() {
		BpfProgram program = compile(sticky(3));
		assertThat(CbpfInterpreter.run(program, Packet.other(0x0806, 0))).isEqualTo(FALLBACK);
	}

	@Test
	void stickyWithOneServingSocketReturnsIt() {
		List<Integer> buckets = Collections.nCopies(StickyBuckets.BUCKETS, 1);
		BpfProgram program = compile(new SteeringDecision(SteeringMode.STICKY, List.of(0, 256), buckets));
		assertThat(program.instructions()).containsExactly(BpfInstruction.ret(1));
	}

	@Test
	void everyBucketOnItsOwnRunStillFitsEightBitJumps() {
		List<Integer> weights = Collections.nCopies(64, 4);
		List<Integer> buckets = new ArrayList<>();
		for (int bucket = 0; bucket < StickyBuckets.BUCKETS; bucket++) {
			buckets.add(bucket % 64);
		}
		BpfProgram program = compile(new SteeringDecision(SteeringMode.STICKY, weights, buckets));
		assertThat(program.length()).isLessThan(600);
		for (int bucket = 0; bucket < StickyBuckets.BUCKETS; bucket++) {
			assertThat(runBucket(program, bucket)).isEqualTo(bucket % 64);
		}
	}

	@Test
	void programsForSixtyFourWorkersAreValidInEveryMode() {
		for (SteeringMode mode : List.of(SteeringMode.HEALTH, SteeringMode.LOAD, SteeringMode.STICKY)) {
			BpfProgram program = compile(sticky(64, mode));
			assertThat(program.length()).isLessThanOrEqualTo(BpfProgram.MAX_INSTRUCTIONS);
		}
	}

	private static SteeringDecision sticky(int workers) {
		return sticky(workers, SteeringMode.STICKY);
	}

	private static SteeringDecision sticky(int workers, SteeringMode mode) {
		PortGroupOrder group = PortGroupOrder.empty();
		List<WorkerWeight> weights = new ArrayList<>();
		for (long pid = 100; pid < 100 + workers; pid++) {
			group = group.join(pid);
			weights.add(new WorkerWeight(pid, WeightPolicy.loadWeight((int) pid % 7, 0), null, null));
		}
		SteeringWeights steeringWeights = new SteeringWeights(weights);
		return SteeringDecision.of(mode, group, steeringWeights,
				StickyBuckets.NONE.reassign(steeringWeights.eligible()));
	}

	private static int bucket(int address) {
		return (address * 0x9e3779b1) >>> 24;
	}

	private static long runBucket(BpfProgram program, int bucket) {
		int host = 0;
		while (bucket(host) != bucket) {
			host++;
		}
		byte[] header = ByteBuffer.allocate(20).putInt(12, host).array();
		return CbpfInterpreter.run(program, new Packet(0x0800, header, 0));
	}

	private static Map<Long, Integer> sweepRandom(BpfProgram program) {
		Map<Long, Integer> counts = new HashMap<>();
		for (long step = 0; step < 10_000; step++) {
			int random = (int) (step * 0x1_0000_0000L / 10_000);
			counts.merge(CbpfInterpreter.run(program, Packet.ipv4("10.0.0.1", random)), 1, Integer::sum);
		}
		return counts;
	}

	static BpfProgram compile(SteeringDecision decision) {
		BpfProgram program = SteeringProgramCompiler.compile(decision);
		assertThat(program).isNotNull();
		assertValidForTheKernel(program);
		return program;
	}

	/**
	 * Check a program as the kernel's classic BPF checker does, independently of
	 * {@link BpfProgram}'s own checks.
	 */
	static void assertValidForTheKernel(BpfProgram program) {
		List<BpfInstruction> instructions = program.instructions();
		assertThat(instructions).isNotEmpty().hasSizeLessThanOrEqualTo(4096);
		for (int pc = 0; pc < instructions.size(); pc++) {
			BpfInstruction instruction = instructions.get(pc);
			assertThat(instruction.code()).isIn(0x20, 0x07, 0x24, 0x54, 0x74, 0xac, 0x05, 0x15, 0x35, 0x06);
			assertThat(instruction.jt()).isBetween(0, 255);
			assertThat(instruction.jf()).isBetween(0, 255);
			if (instruction.code() == 0x05) {
				assertThat(pc + 1 + Integer.toUnsignedLong(instruction.k())).isLessThan(instructions.size());
			}
			if (instruction.code() == 0x15 || instruction.code() == 0x35) {
				assertThat(pc + 1 + Math.max(instruction.jt(), instruction.jf())).isLessThan(instructions.size());
			}
			if (instruction.code() == 0x74) {
				assertThat(instruction.k()).isBetween(0, 31);
			}
		}
		assertThat(instructions.get(instructions.size() - 1).code()).isEqualTo(0x06);
	}

}
