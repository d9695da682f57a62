package dev.clusterboot.steering;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.steering.bpf.BpfInstruction;
import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * Compiles a {@link SteeringDecision} into the classic BPF program that the port's
 * reuseport group runs for each new connection. The program returns the index of the
 * socket that takes the connection, or {@link #FALLBACK}, which is no socket's index, to
 * let the kernel's hash choose.
 * <p>
 * Weighted modes draw a random number and compare it with each socket's cumulative
 * share: two instructions per socket, every jump one instruction long.
 * {@link SteeringMode#STICKY} checks the protocol first (a failed load would return 0,
 * which is a socket), hashes the IPv4 source address, or the four words of the IPv6 one
 * folded by XOR, with a multiplicative hash, keeps its top bits as the bucket, and finds
 * the bucket's socket by a balanced tree of comparisons over the runs of buckets with the
 * same socket. With at most 256 buckets no jump exceeds 255 and no program 600
 * instructions.
 *
 * @author cluster-spring-boot-starter
 */
public final class SteeringProgramCompiler {

	/**
	 * What the program returns to let the kernel's hash choose: no group has that many
	 * sockets.
	 */
	public static final int FALLBACK = 0xFFFFFFFF;

	/**
	 * The program that leaves every choice to the kernel's hash.
	 */
	public static final BpfProgram HASH_ONLY = new BpfProgram(List.of(BpfInstruction.ret(FALLBACK)));

	private static final int SKF_AD_PROTOCOL = 0xfffff000;

	private static final int SKF_AD_RANDOM = 0xfffff038;

	private static final int SKF_NET_OFF = 0xfff00000;

	private static final int ETH_P_IP = 0x0800;

	private static final int ETH_P_IPV6 = 0x86DD;

	private static final int GOLDEN_RATIO_32 = 0x9e3779b1;

	private SteeringProgramCompiler() {
	}

	/**
	 * Compile a decision.
	 * @param decision the decision
	 * @return the program, {@code null} in {@link SteeringMode#OFF}: no program at all
	 */
	public static @Nullable BpfProgram compile(SteeringDecision decision) {
		if (decision.mode() == SteeringMode.OFF) {
			return null;
		}
		if (!decision.anyServes()) {
			return HASH_ONLY;
		}
		if (decision.mode() == SteeringMode.STICKY) {
			return new BpfProgram(sticky(decision.buckets()));
		}
		List<BpfInstruction> program = new ArrayList<>();
		program.add(BpfInstruction.load(SKF_AD_RANDOM));
		program.addAll(weightedChoice(decision.weights()));
		return new BpfProgram(program);
	}

	private static List<BpfInstruction> weightedChoice(List<Integer> weights) {
		long total = weights.stream().mapToLong(Integer::longValue).sum();
		List<Integer> sockets = new ArrayList<>();
		for (int socket = 0; socket < weights.size(); socket++) {
			if (weights.get(socket) > 0) {
				sockets.add(socket);
			}
		}
		List<BpfInstruction> choice = new ArrayList<>();
		long cumulative = 0;
		for (int socket : sockets.subList(0, sockets.size() - 1)) {
			cumulative += weights.get(socket);
			int threshold = (int) ((cumulative << 32) / total);
			choice.add(BpfInstruction.jump(BpfInstruction.JGE_K, threshold, 1, 0));
			choice.add(BpfInstruction.ret(socket));
		}
		choice.add(BpfInstruction.ret(sockets.get(sockets.size() - 1)));
		return choice;
	}

	private static List<BpfInstruction> sticky(List<Integer> buckets) {
		List<int[]> runs = new ArrayList<>();
		for (int bucket = 0; bucket < buckets.size(); bucket++) {
			if (runs.isEmpty() || runs.get(runs.size() - 1)[1] != buckets.get(bucket)) {
				runs.add(new int[] { bucket, buckets.get(bucket) });
			}
		}
		if (runs.size() == 1) {
			return List.of(BpfInstruction.ret(runs.get(0)[1]));
		}
		List<BpfInstruction> program = new ArrayList<>(List.of(BpfInstruction.load(SKF_AD_PROTOCOL),
				BpfInstruction.jump(BpfInstruction.JEQ_K, ETH_P_IP, 0, 2), BpfInstruction.load(SKF_NET_OFF + 12),
				BpfInstruction.of(BpfInstruction.JA, 12), BpfInstruction.jump(BpfInstruction.JEQ_K, ETH_P_IPV6, 1, 0),
				BpfInstruction.ret(FALLBACK), BpfInstruction.load(SKF_NET_OFF + 8)));
		for (int word = 12; word <= 20; word += 4) {
			program.add(BpfInstruction.of(BpfInstruction.TAX));
			program.add(BpfInstruction.load(SKF_NET_OFF + word));
			program.add(BpfInstruction.of(BpfInstruction.XOR_X));
		}
		program.add(BpfInstruction.of(BpfInstruction.MUL_K, GOLDEN_RATIO_32));
		program.add(BpfInstruction.of(BpfInstruction.RSH_K, 32 - Integer.numberOfTrailingZeros(buckets.size())));
		program.addAll(bucketTree(runs));
		return program;
	}

	private static List<BpfInstruction> bucketTree(List<int[]> runs) {
		if (runs.size() == 1) {
			return List.of(BpfInstruction.ret(runs.get(0)[1]));
		}
		int middle = runs.size() / 2;
		List<BpfInstruction> below = bucketTree(runs.subList(0, middle));
		List<BpfInstruction> tree = new ArrayList<>();
		tree.add(BpfInstruction.jump(BpfInstruction.JGE_K, runs.get(middle)[0], below.size(), 0));
		tree.addAll(below);
		tree.addAll(bucketTree(runs.subList(middle, runs.size())));
		return tree;
	}

}
