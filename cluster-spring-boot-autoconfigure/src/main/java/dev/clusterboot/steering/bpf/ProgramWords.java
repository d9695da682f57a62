package dev.clusterboot.steering.bpf;

import java.util.List;

/**
 * Writes a program as the control channel carries it: four numbers an instruction, code,
 * jt, jf and k, in the program's order.
 *
 * @author cluster-spring-boot-starter
 */
public final class ProgramWords {

	private ProgramWords() {
	}

	/**
	 * Write a program.
	 * @param program the program
	 * @return its instructions, four numbers each
	 */
	public static int[] of(BpfProgram program) {
		List<BpfInstruction> instructions = program.instructions();
		int[] words = new int[instructions.size() * 4];
		for (int i = 0; i < instructions.size(); i++) {
			BpfInstruction instruction = instructions.get(i);
			words[i * 4] = instruction.code();
			words[i * 4 + 1] = instruction.jt();
			words[i * 4 + 2] = instruction.jf();
			words[i * 4 + 3] = instruction.k();
		}
		return words;
	}

}
