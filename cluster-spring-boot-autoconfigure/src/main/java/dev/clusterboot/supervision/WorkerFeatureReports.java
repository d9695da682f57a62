package dev.clusterboot.supervision;

import java.time.Instant;
import java.util.List;

import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.steering.SteeringReports;

/**
 * Takes what workers report for the master's features, each from a connection the
 * {@link Supervisor} accepted for it, and hands it to the feature's part of the
 * {@link MasterState}: state a worker keeps on its own, the shared port, the shared lock.
 * A report from a process the master no longer knows is dropped. Called on the master's
 * loop only, like the supervisor.
 *
 * @author cluster-spring-boot-starter
 */
public final class WorkerFeatureReports {

	private final MasterState state;

	WorkerFeatureReports(MasterState state) {
		this.state = state;
	}

	/**
	 * Take what a worker found of state that it keeps on its own.
	 * @param pid the worker's pid
	 * @param warnings what it found
	 * @param now when it arrived
	 */
	public void stateWarnings(long pid, List<StateWarning> warnings, Instant now) {
		if (this.state.slots().runOf(pid) != null) {
			this.state.stateWarnings().add(warnings, this.state.desiredWorkers());
		}
	}

	/**
	 * Take a worker's report about the shared port (joined, left, load, a program
	 * attached or refused).
	 * @param pid the worker's pid
	 * @param report the report
	 * @param now when it arrived
	 */
	void steering(long pid, ControlMessage report, Instant now) {
		if (this.state.slots().runOf(pid) != null) {
			SteeringReports.deliver(this.state.steering(), pid, report, now);
		}
	}

	/**
	 * Take the leader's report that it took or lost the shared lock.
	 * @param pid the worker's pid
	 * @param held whether it holds the lock now
	 * @param now when it arrived
	 */
	void sharedLock(long pid, boolean held, Instant now) {
		WorkerRun run = this.state.slots().runOf(pid);
		if (run != null) {
			this.state.leadership().sharedLock(run, held, now);
		}
	}

}
