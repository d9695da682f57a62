package dev.clusterboot.steering.bpf;

/**
 * One classic BPF instruction, as the kernel's {@code struct sock_filter} holds it: an
 * opcode, two forward jump offsets for conditional jumps and a 32-bit constant.
 * <p>
 * The factory methods name the few instructions that steering needs; their opcodes are
 * those of {@code linux/filter.h}.
 *
 * @param code the opcode, an unsigned 16-bit value
 * @param jt how many instructions to skip when a conditional jump is taken, 0 to 255
 * @param jf how many instructions to skip when it is not, 0 to 255
 * @param k the constant, an unsigned 32-bit value held in an {@code int}
 * @author cluster-spring-boot-starter
 */
public record BpfInstruction(int code, int jt, int jf, int k) {

	/** {@code ld [k]}: load the word at absolute offset {@code k}. */
	public static final int LD_ABS_W = 0x20;

	/** {@code tax}: copy A into X. */
	public static final int TAX = 0x07;

	/** {@code mul #k}. */
	public static final int MUL_K = 0x24;

	/** {@code and #k}. */
	public static final int AND_K = 0x54;

	/** {@code rsh #k}. */
	public static final int RSH_K = 0x74;

	/** {@code xor x}. */
	public static final int XOR_X = 0xac;

	/** {@code ja k}: jump forward {@code k} instructions. */
	public static final int JA = 0x05;

	/** {@code jeq #k}. */
	public static final int JEQ_K = 0x15;

	/** {@code jge #k}: unsigned A &gt;= k. */
	public static final int JGE_K = 0x35;

	/** {@code ret #k}. */
	public static final int RET_K = 0x06;

	/**
	 * Create an instruction.
	 * @param code the opcode, an unsigned 16-bit value
	 * @param jt the offset when a conditional jump is taken, 0 to 255
	 * @param jf the offset when it is not, 0 to 255
	 * @param k the constant
	 */
	public BpfInstruction {
		if (code < 0 || code > 0xFFFF) {
			throw new IllegalArgumentException("code must be an unsigned 16-bit value, not " + code);
		}
		if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
			throw new IllegalArgumentException("jt and jf must be 0 to 255, not " + jt + " and " + jf);
		}
	}

	/**
	 * A load of a 32-bit word at an absolute offset, {@code ld [offset]}.
	 * @param offset the offset, such as an {@code SKF_AD_OFF} or {@code SKF_NET_OFF} one
	 * @return the instruction
	 */
	public static BpfInstruction load(int offset) {
		return new BpfInstruction(LD_ABS_W, 0, 0, offset);
	}

	/**
	 * An instruction without operand.
	 * @param code the opcode
	 * @return the instruction
	 */
	public static BpfInstruction of(int code) {
		return new BpfInstruction(code, 0, 0, 0);
	}

	/**
	 * An instruction with a constant operand.
	 * @param code the opcode
	 * @param k the constant
	 * @return the instruction
	 */
	public static BpfInstruction of(int code, int k) {
		return new BpfInstruction(code, 0, 0, k);
	}

	/**
	 * A conditional jump on a constant.
	 * @param code the opcode
	 * @param k the constant compared with
	 * @param jt how many instructions to skip when it holds
	 * @param jf how many instructions to skip when it does not
	 * @return the instruction
	 */
	public static BpfInstruction jump(int code, int k, int jt, int jf) {
		return new BpfInstruction(code, jt, jf, k);
	}

	/**
	 * A return of a constant: the index of the socket that gets the connection.
	 * @param k the index, or one out of range for the kernel's hash
	 * @return the instruction
	 */
	public static BpfInstruction ret(int k) {
		return new BpfInstruction(RET_K, 0, 0, k);
	}

	/**
	 * Whether this is a jump, whose offsets count.
	 * @return {@code true} for {@code ja} and the conditional jumps
	 */
	public boolean isJump() {
		return (this.code & 0x07) == 0x05;
	}

	/**
	 * Whether this instruction ends the program.
	 * @return {@code true} for {@code ret}
	 */
	public boolean isReturn() {
		return (this.code & 0x07) == 0x06;
	}

	@Override
	public String toString() {
		return String.format("{ 0x%02x, %d, %d, 0x%08x }", this.code, this.jt, this.jf, this.k);
	}

}
