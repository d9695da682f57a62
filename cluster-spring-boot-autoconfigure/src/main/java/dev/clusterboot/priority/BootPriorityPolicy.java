package dev.clusterboot.priority;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.ProcessStatus;

/**
 * Which nice value each worker process should have, so that a starting JVM
 * (replacement, restart, scale-up, rollout) is not starved of the CPU by the serving
 * workers under load: while any worker boots, every serving worker runs at
 * {@link #servingNice()}; the booting JVM keeps the master's nice, which it inherited.
 * When no boot runs, the serving workers get the master's nice back where
 * {@link BootPriorityMode#LOWER_AND_RESTORE allowed}; without that right
 * ({@link BootPriorityMode#LOWER_ONLY}), once the serving workers were lowered each newly
 * ready worker is lowered too, so that all serving workers stay equal among themselves
 * and the next boot again runs above them.
 * <p>
 * A plain function of the processes and of the nice values already set: no thread, no
 * clock, no system call.
 *
 * @author cluster-spring-boot-starter
 */
public final class BootPriorityPolicy {

	/**
	 * The highest nice value on Linux.
	 */
	static final int MAX_NICE = 19;

	private final BootPriorityMode mode;

	private final int masterNice;

	private final int servingNice;

	/**
	 * Create a policy.
	 * @param mode what the master may do
	 * @param masterNice the master's own nice value
	 * @param lowerBy how many steps above the master's nice serving workers run while a
	 * JVM boots
	 */
	public BootPriorityPolicy(BootPriorityMode mode, int masterNice, int lowerBy) {
		this.mode = mode;
		this.masterNice = masterNice;
		this.servingNice = Math.min(MAX_NICE, masterNice + lowerBy);
	}

	BootPriorityMode mode() {
		return this.mode;
	}

	int masterNice() {
		return this.masterNice;
	}

	int servingNice() {
		return this.servingNice;
	}

	/**
	 * Return the policy with another mode, for a master that finds out it may not raise
	 * priorities after all.
	 * @param mode the mode
	 * @return the policy
	 */
	BootPriorityPolicy withMode(BootPriorityMode mode) {
		return new BootPriorityPolicy(mode, this.masterNice, this.servingNice - this.masterNice);
	}

	/**
	 * Decide the nice value of every booting and serving process.
	 * @param processes which processes boot and which serve
	 * @param current the nice values the master has set so far, by pid; a process not
	 * listed runs at the master's nice
	 * @return the nice each process should have, by pid; empty when the master changes no
	 * priority
	 */
	Map<Long, Integer> targets(Processes processes, Map<Long, Integer> current) {
		if (this.mode != BootPriorityMode.LOWER_AND_RESTORE && this.mode != BootPriorityMode.LOWER_ONLY) {
			return Map.of();
		}
		boolean anyLowered = processes.serving()
			.stream()
			.anyMatch((pid) -> current.getOrDefault(pid, this.masterNice) == this.servingNice);
		boolean lower = !processes.booting().isEmpty() || (this.mode == BootPriorityMode.LOWER_ONLY && anyLowered);
		Map<Long, Integer> targets = new TreeMap<>();
		processes.booting().forEach((pid) -> targets.put(pid, this.masterNice));
		processes.serving().forEach((pid) -> targets.put(pid, lower ? this.servingNice : this.masterNice));
		processes.spares().forEach((pid) -> targets.put(pid, this.servingNice));
		return Collections.unmodifiableMap(targets);
	}

	/**
	 * The worker processes that boot, those that serve, and the spares, at one moment.
	 *
	 * @param booting launched for a slot and not yet ready
	 * @param serving ready, in a slot
	 * @param spares the standbys, starting, standing by or stopping
	 */
	record Processes(Set<Long> booting, Set<Long> serving, Set<Long> spares) {

		/**
		 * Read the processes from a status: a slot's process or replacement that has not
		 * reported ready boots; one that has, serves. A standby is a spare, not lost
		 * capacity, so its start never counts as a boot that lowers the serving workers.
		 * @param status the cluster's status
		 * @return the processes
		 */
		static Processes of(ClusterStatus status) {
			Set<Long> booting = new TreeSet<>();
			Set<Long> serving = new TreeSet<>();
			status.workers()
				.stream()
				.flatMap((worker) -> Stream.of(worker.process(), worker.replacement()))
				.filter((process) -> process != null)
				.forEach((ProcessStatus process) -> ((process.readyAt() != null) ? serving : booting)
					.add(process.pid()));
			Set<Long> spares = new TreeSet<>();
			status.standbys().standbys().forEach((standby) -> spares.add(standby.process().pid()));
			return new Processes(Collections.unmodifiableSet(booting), Collections.unmodifiableSet(serving),
					Collections.unmodifiableSet(spares));
		}

	}

}
