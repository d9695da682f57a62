package dev.clusterboot.steering.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program that the kernel accepts: at most {@value #MAX_INSTRUCTIONS}
 * instructions, every jump lands inside the program (jumps only go forward, so it always
 * ends), and the last instruction returns, so that every path returns.
 *
 * @param instructions the instructions, in order
 * @author cluster-spring-boot-starter
 */
public record BpfProgram(List<BpfInstruction> instructions) {

	/**
	 * The kernel's limit on the length of a classic BPF program ({@code BPF_MAXINSNS}).
	 */
	public static final int MAX_INSTRUCTIONS = 4096;

	/**
	 * Create a program, checking it as the kernel would.
	 * @param instructions the instructions, in order
	 * @throws IllegalArgumentException when the kernel would refuse the program
	 */
	public BpfProgram {
		instructions = List.copyOf(instructions);
		int length = instructions.size();
		if (length == 0 || length > MAX_INSTRUCTIONS) {
			throw new IllegalArgumentException(
					"A program has 1 to " + MAX_INSTRUCTIONS + " instructions, not " + length);
		}
		for (int pc = 0; pc < length; pc++) {
			BpfInstruction instruction = instructions.get(pc);
			if (instruction.isJump() && furthestTarget(pc, instruction) >= length) {
				throw new IllegalArgumentException("Instruction " + pc + " " + instruction + " jumps past the end");
			}
		}
		if (!instructions.get(length - 1).isReturn()) {
			throw new IllegalArgumentException("The last instruction must return, not " + instructions.get(length - 1));
		}
	}

	/**
	 * Read a program as the channel carries it: four numbers an instruction, code, jt, jf
	 * and k, as {@link #toInts()} writes them.
	 * @param numbers the instructions' numbers, in order
	 * @return the program, checked as the kernel would
	 * @throws IllegalArgumentException when the numbers are not whole instructions or the
	 * kernel would refuse the program
	 */
	public static BpfProgram fromInts(int[] numbers) {
		if (numbers.length % 4 != 0) {
			throw new IllegalArgumentException(
					"A program is four numbers an instruction (code, jt, jf, k), not " + numbers.length + " numbers");
		}
		List<BpfInstruction> instructions = new ArrayList<>(numbers.length / 4);
		for (int i = 0; i < numbers.length; i += 4) {
			instructions.add(new BpfInstruction(numbers[i], numbers[i + 1], numbers[i + 2], numbers[i + 3]));
		}
		return new BpfProgram(instructions);
	}

	/**
	 * Write the program as the channel carries it: four numbers an instruction.
	 * @return code, jt, jf and k of each instruction, in order
	 */
	public int[] toInts() {
		int[] numbers = new int[this.instructions.size() * 4];
		for (int i = 0; i < this.instructions.size(); i++) {
			BpfInstruction instruction = this.instructions.get(i);
			numbers[i * 4] = instruction.code();
			numbers[i * 4 + 1] = instruction.jt();
			numbers[i * 4 + 2] = instruction.jf();
			numbers[i * 4 + 3] = instruction.k();
		}
		return numbers;
	}

	private static long furthestTarget(int pc, BpfInstruction jump) {
		if (jump.code() == BpfInstruction.JA) {
			return pc + 1L + Integer.toUnsignedLong(jump.k());
		}
		return pc + 1L + Math.max(jump.jt(), jump.jf());
	}

	/**
	 * Return the number of instructions.
	 * @return the length of the program
	 */
	public int length() {
		return this.instructions.size();
	}

	/**
	 * Encode the program as the array of {@code struct sock_filter} that
	 * {@code struct sock_fprog} points to: per instruction a 16-bit code, the two 8-bit
	 * offsets and the 32-bit constant, 8 bytes in all.
	 * @param order the byte order of the machine, {@link ByteOrder#nativeOrder()}
	 * @return the encoded instructions
	 */
	public byte[] toSockFilters(ByteOrder order) {
		ByteBuffer buffer = ByteBuffer.allocate(this.instructions.size() * 8).order(order);
		for (BpfInstruction instruction : this.instructions) {
			buffer.putShort((short) instruction.code());
			buffer.put((byte) instruction.jt());
			buffer.put((byte) instruction.jf());
			buffer.putInt(instruction.k());
		}
		return buffer.array();
	}

}
