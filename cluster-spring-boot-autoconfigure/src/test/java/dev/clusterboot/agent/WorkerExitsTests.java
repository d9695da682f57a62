package dev.clusterboot.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clusterboot.portgroup.FakePortGroupMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerExits}: in what order each way out leaves the port, waits and
 * ends the JVM, on threads the test runs at once and a sleep that only records. What it
 * does to real processes is tested in {@code ClusterModeProcessTests} and
 * {@code MasterKilledProcessTests}.
 */
class WorkerExitsTests {

	private final List<String> actions = new ArrayList<>();

	private final FakePortGroupMember portGroup = new FakePortGroupMember();

	private final WorkerExits exits = new WorkerExits(this.portGroup, (status) -> this.actions.add("exit " + status),
			(status) -> this.actions.add("halt " + status), (millis) -> this.actions.add("sleep " + millis),
			(name, daemon, task) -> {
				this.actions.add(name + (daemon ? " (daemon)" : ""));
				task.run();
			});

	@Test
	void aDrainLeavesThePortAtOnceThenExitsCleanlyAfterThePeriodOnAThreadThatKeepsTheJvmAlive() {
		this.portGroup.joined = true;
		this.exits.drain(3, Duration.ofSeconds(2));
		assertThat(this.portGroup.calls).containsExactly("leave");
		assertThat(this.actions).containsExactly("cluster-drain", "sleep 2000", "exit 0");
	}

	@Test
	void aDrainWithoutAWebServerOnlyWaitsAndExits() {
		new WorkerExits(null, (status) -> this.actions.add("exit " + status), (status) -> this.actions.add("halt"),
				(millis) -> this.actions.add("sleep " + millis), (name, daemon, task) -> task.run())
			.drain(1, Duration.ofMillis(500));
		assertThat(this.actions).containsExactly("sleep 500", "exit 0");
	}

	@Test
	void aStandbyThatCouldNotJoinExitsWithStatusOne() {
		this.exits.joinFailed();
		assertThat(this.actions).containsExactly("cluster-join-failed (daemon)", "exit 1");
		assertThat(this.portGroup.calls).isEmpty();
	}

	@Test
	void anOrphanExitsWithStatusOneAndIsHaltedWhenTheExitDoesNotCompleteInTime() {
		this.exits.masterGone(2, 42);
		assertThat(this.actions).containsExactly("cluster-orphan-exit (daemon)", "exit 1",
				"cluster-orphan-halt (daemon)", "sleep " + WorkerExits.ORPHAN_EXIT_TIMEOUT.toMillis(), "halt 1");
	}

	@Test
	void anInterruptedDrainStillExitsAndKeepsTheInterrupt() {
		WorkerExits interrupted = new WorkerExits(this.portGroup, (status) -> this.actions.add("exit " + status),
				(status) -> this.actions.add("halt " + status), (millis) -> {
					throw new InterruptedException();
				}, (name, daemon, task) -> task.run());
		try {
			interrupted.drain(1, Duration.ofSeconds(1));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThat(this.actions).containsExactly("exit 0");
		}
		finally {
			Thread.interrupted();
		}
	}

}
