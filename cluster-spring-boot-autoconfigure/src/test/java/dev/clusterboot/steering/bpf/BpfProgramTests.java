package dev.clusterboot.steering.bpf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clusterboot.steering.CbpfInterpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BpfProgram}: it refuses what the kernel would refuse, and encodes
 * itself as {@code struct sock_filter}.
 */
class BpfProgramTests {

	@Test
	void acceptsAProgramThatJumpsForwardAndReturns() {
		BpfProgram program = new BpfProgram(List.of(BpfInstruction.load(0xfffff000),
				BpfInstruction.jump(BpfInstruction.JEQ_K, 0x0800, 1, 0), BpfInstruction.ret(-1),
				BpfInstruction.ret(0)));
		assertThat(program.length()).isEqualTo(4);
		assertThat(CbpfInterpreter.run(program, CbpfInterpreter.Packet.ipv4("10.0.0.1", 0))).isZero();
		assertThat(CbpfInterpreter.run(program, CbpfInterpreter.Packet.ipv6("::1", 0))).isEqualTo(0xFFFFFFFFL);
	}

	@Test
	void refusesAnEmptyProgram() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BpfProgram(List.of()))
			.withMessageContaining("1 to 4096");
	}

	@Test
	void refusesMoreThan4096Instructions() {
		List<BpfInstruction> instructions = new ArrayList<>(Collections.nCopies(4097, BpfInstruction.ret(0)));
		assertThatIllegalArgumentException().isThrownBy(() -> new BpfProgram(instructions))
			.withMessageContaining("not 4097");
		assertThat(new BpfProgram(instructions.subList(0, 4096)).length()).isEqualTo(4096);
	}

	@Test
	void refusesAConditionalJumpPastTheEnd() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BpfProgram(
					List.of(BpfInstruction.jump(BpfInstruction.JGE_K, 7, 0, 2), BpfInstruction.ret(0))))
			.withMessageContaining("jumps past the end");
	}

	@Test
	void refusesAnUnconditionalJumpPastTheEnd() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BpfProgram(List.of(BpfInstruction.of(BpfInstruction.JA, -1), BpfInstruction.ret(0))))
			.withMessageContaining("jumps past the end");
	}

	@Test
	void refusesAProgramThatDoesNotEndInReturn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BpfProgram(List.of(BpfInstruction.ret(0), BpfInstruction.load(0xfffff038))))
			.withMessageContaining("must return");
	}

	@Test
	void refusesOffsetsThatDoNotFitInEightBits() {
		assertThatIllegalArgumentException().isThrownBy(() -> BpfInstruction.jump(BpfInstruction.JGE_K, 0, 256, 0));
	}

	@Test
	void encodesEachInstructionAsASockFilter() {
		BpfProgram program = new BpfProgram(
				List.of(BpfInstruction.jump(BpfInstruction.JGE_K, 0x01020304, 1, 0), BpfInstruction.ret(0xfffffffe),
						BpfInstruction.ret(1)));
		assertThat(program.toSockFilters(ByteOrder.LITTLE_ENDIAN)).hasSize(24)
			.startsWith(0x35, 0x00, 0x01, 0x00, 0x04, 0x03, 0x02, 0x01, 0x06, 0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff);
		assertThat(program.toSockFilters(ByteOrder.BIG_ENDIAN)).startsWith(0x00, 0x35, 0x01, 0x00, 0x01, 0x02, 0x03,
				0x04);
	}

	@Test
	void readsTheFourNumbersOfEachInstructionThatTheChannelCarries() {
		BpfProgram program = BpfProgram.fromInts(new int[] { 0x20, 0, 0, 0xfffff000, 0x15, 1, 0, 0x0800, 0x06, 0, 0,
				-1, 0x06, 0, 0, 0 });
		assertThat(program.instructions()).containsExactly(BpfInstruction.load(0xfffff000),
				BpfInstruction.jump(BpfInstruction.JEQ_K, 0x0800, 1, 0), BpfInstruction.ret(-1),
				BpfInstruction.ret(0));
	}

	@Test
	void writesAndReadsBackTheSameProgram() {
		BpfProgram program = new BpfProgram(List.of(BpfInstruction.jump(BpfInstruction.JGE_K, 7, 0, 1),
				BpfInstruction.ret(1), BpfInstruction.ret(2)));
		assertThat(BpfProgram.fromInts(program.toInts())).isEqualTo(program);
	}

	@Test
	void refusesNumbersThatAreNotWholeInstructions() {
		assertThatIllegalArgumentException().isThrownBy(() -> BpfProgram.fromInts(new int[] { 0x06, 0, 0 }))
			.withMessageContaining("not 3 numbers");
	}

	@Test
	void refusesNumbersThatMakeAProgramTheKernelWouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> BpfProgram.fromInts(new int[0]))
			.withMessageContaining("1 to 4096");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BpfProgram.fromInts(new int[] { 0x15, 300, 0, 0, 0x06, 0, 0, 0 }))
			.withMessageContaining("0 to 255");
		assertThatIllegalArgumentException().isThrownBy(() -> BpfProgram.fromInts(new int[] { 0x15, 5, 0, 0 }))
			.withMessageContaining("jumps past the end");
	}

}
