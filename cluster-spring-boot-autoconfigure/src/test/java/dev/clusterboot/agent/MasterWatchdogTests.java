package dev.clusterboot.agent;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MasterWatchdog}: when it ends the JVM, on a clock the test moves, and
 * how it tells that the master is alive. What it does to real processes is tested in
 * {@code MasterKilledProcessTests}.
 */
class MasterWatchdogTests {

	private final List<Long> sleeps = new ArrayList<>();

	private final List<String> actions = new ArrayList<>();

	@Test
	void pollsWhileTheMasterLivesThenExitsAndHaltsWhenTheExitDoesNotComplete() {
		watchdog(true, true, false).watch();
		assertThat(this.sleeps).containsExactly(200L, 200L, 1000L);
		assertThat(this.actions).containsExactly("exit 1", "halt 1");
	}

	@Test
	void aMasterAlreadyGoneEndsTheProcessWithoutWaitingForAPoll() {
		watchdog(false).watch();
		assertThat(this.sleeps).containsExactly(1000L);
		assertThat(this.actions).containsExactly("exit 1", "halt 1");
	}

	@Test
	void aMasterThatIsThisProcesssParentIsAliveWhileItIsTheParent() {
		long parent = ProcessHandle.current().parent().orElseThrow().pid();
		assertThat(MasterWatchdog.liveness(parent).getAsBoolean()).isTrue();
	}

	@Test
	void anyOtherMasterIsAliveUntilItsProcessHasExited() throws IOException, InterruptedException {
		Process master = new ProcessBuilder("sleep", "30").start();
		BooleanSupplier alive = MasterWatchdog.liveness(master.pid());
		assertThat(alive.getAsBoolean()).isTrue();
		master.destroyForcibly();
		assertThat(master.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(alive.getAsBoolean()).isFalse();
	}

	private MasterWatchdog watchdog(Boolean... liveness) {
		Deque<Boolean> answers = new ArrayDeque<>(List.of(liveness));
		return new MasterWatchdog("Worker 1", 42, answers::removeFirst, this.sleeps::add,
				new MasterWatchdog.Exit() {

					@Override
					public void exit(int status) {
						MasterWatchdogTests.this.actions.add("exit " + status);
					}

					@Override
					public void halt(int status) {
						MasterWatchdogTests.this.actions.add("halt " + status);
					}

				});
	}

}
