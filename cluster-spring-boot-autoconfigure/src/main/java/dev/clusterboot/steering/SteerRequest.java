package dev.clusterboot.steering;

import dev.clusterboot.steering.bpf.BpfProgram;

/**
 * What {@link PortSteering} asks the master to do: send one worker in the port's group a
 * program to attach to the group.
 *
 * @param pid the process id of the worker that attaches it
 * @param program the program
 * @author cluster-spring-boot-starter
 */
public record SteerRequest(long pid, BpfProgram program) {

	/**
	 * Return the program as the {@code Steer} message carries it.
	 * @return four numbers an instruction: code, jt, jf, k
	 */
	public int[] words() {
		return this.program.toInts();
	}

}
