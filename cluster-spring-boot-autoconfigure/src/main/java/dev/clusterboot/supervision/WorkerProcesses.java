package dev.clusterboot.supervision;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The worker processes the master has launched and not yet seen exit: a
 * {@link WorkerLauncher} that watches every process it launches and reports its exit, and
 * kills every live one when the master cannot wait for them. Launches fail until the real
 * launcher is {@link #use set}, once the control socket exists.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerProcesses implements WorkerLauncher {

	private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();

	private final BiConsumer<WorkerProcess, Integer> exits;

	private volatile WorkerLauncher launcher = (slot) -> {
		throw new IOException("The cluster master is not running");
	};

	/**
	 * Create the set of processes.
	 * @param exits told of each process's exit and its code (-1 when unknown), on the
	 * thread that saw it
	 */
	WorkerProcesses(BiConsumer<WorkerProcess, Integer> exits) {
		this.exits = exits;
	}

	/**
	 * Launch processes with the given launcher from now on.
	 * @param launcher the real launcher
	 */
	void use(WorkerLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public WorkerProcess launch(int slot) throws IOException {
		return watch(this.launcher.launch(slot));
	}

	@Override
	public WorkerProcess launchStandby() throws IOException {
		return watch(this.launcher.launchStandby());
	}

	private WorkerProcess watch(WorkerProcess process) {
		this.live.add(process);
		process.onExit().whenComplete((code, ex) -> {
			this.live.remove(process);
			this.exits.accept(process, (code != null) ? code : -1);
		});
		return process;
	}

	/**
	 * Kill every process that has not exited yet.
	 */
	void killAll() {
		this.live.forEach(WorkerProcess::kill);
	}

}
