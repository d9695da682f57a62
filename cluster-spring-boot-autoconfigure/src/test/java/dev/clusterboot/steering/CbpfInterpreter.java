package dev.clusterboot.steering;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * A test-only interpreter of the classic BPF instructions that steering emits, run the
 * way the kernel runs a reuseport program: the ancillary protocol and random loads, the
 * network header at {@code SKF_NET_OFF}, and a failed load that ends the program with 0.
 *
 * @author cluster-spring-boot-starter
 */
public final class CbpfInterpreter {

	static final int ETH_P_IP = 0x0800;

	static final int ETH_P_IPV6 = 0x86DD;

	private static final int SKF_AD_PROTOCOL = 0xfffff000;

	private static final int SKF_AD_RANDOM = 0xfffff038;

	private static final int SKF_NET_OFF = 0xfff00000;

	private CbpfInterpreter() {
	}

	/**
	 * Run a program for one new connection.
	 * @param program the program
	 * @param packet the connection's first packet
	 * @return what the program returns, as an unsigned value
	 */
	public static long run(BpfProgram program, Packet packet) {
		int a = 0;
		int x = 0;
		int pc = 0;
		while (true) {
			BpfInstruction instruction = program.instructions().get(pc++);
			int k = instruction.k();
			switch (instruction.code()) {
				case BpfInstruction.LD_ABS_W -> {
					Integer word = packet.load(k);
					if (word == null) {
						return 0;
					}
					a = word;
				}
				case BpfInstruction.TAX -> x = a;
				case BpfInstruction.MUL_K -> a *= k;
				case BpfInstruction.AND_K -> a &= k;
				case BpfInstruction.RSH_K -> a >>>= k;
				case BpfInstruction.XOR_X -> a ^= x;
				case BpfInstruction.JA -> pc += k;
				case BpfInstruction.JEQ_K -> pc += (a == k) ? instruction.jt() : instruction.jf();
				case BpfInstruction.JGE_K ->
					pc += (Integer.compareUnsigned(a, k) >= 0) ? instruction.jt() : instruction.jf();
				case BpfInstruction.RET_K -> {
					return Integer.toUnsignedLong(k);
				}
				default -> throw new IllegalStateException("Unsupported instruction " + instruction);
			}
		}
	}

	/**
	 * The first packet of a connection, as far as steering looks at it.
	 *
	 * @param protocol the ethertype
	 * @param networkHeader the network header
	 * @param random what {@code SKF_AD_RANDOM} loads
	 */
	public record Packet(int protocol, byte[] networkHeader, int random) {

		public static Packet ipv4(String source, int random) {
			byte[] header = new byte[20];
			System.arraycopy(address(source, 4), 0, header, 12, 4);
			return new Packet(ETH_P_IP, header, random);
		}

		public static Packet ipv6(String source, int random) {
			byte[] header = new byte[40];
			System.arraycopy(address(source, 16), 0, header, 8, 16);
			return new Packet(ETH_P_IPV6, header, random);
		}

		static Packet other(int protocol, int random) {
			return new Packet(protocol, new byte[0], random);
		}

		private static byte[] address(String literal, int length) {
			try {
				byte[] address = InetAddress.getByName(literal).getAddress();
				if (address.length != length) {
					throw new IllegalArgumentException(literal + " is not " + length + " bytes");
				}
				return address;
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(ex);
			}
		}

		@Nullable Integer load(int k) {
			if (k == SKF_AD_PROTOCOL) {
				return this.protocol;
			}
			if (k == SKF_AD_RANDOM) {
				return this.random;
			}
			int offset = k - SKF_NET_OFF;
			if (offset < 0 || offset + 4 > this.networkHeader.length) {
				return null;
			}
			return ((this.networkHeader[offset] & 0xff) << 24) | ((this.networkHeader[offset + 1] & 0xff) << 16)
					| ((this.networkHeader[offset + 2] & 0xff) << 8) | (this.networkHeader[offset + 3] & 0xff);
		}

	}

}
