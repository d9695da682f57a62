package dev.clusterboot.steering;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
