package dev.clusterboot.priority;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.supervision.FakeCluster;
import dev.clusterboot.supervision.FakeProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BootPriority}: which changes the master asks for as a {@link FakeCluster}
 * goes through a kill and a replacement on a movable time, with changes applied at once
 * on the test's thread and an operating system that may refuse a raise.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootPriorityTests {

	private final FakeCluster cluster = new FakeCluster();

	private final List<String> changes = new ArrayList<>();

	@Test
	void lowersTheServingWorkerWhileTheReplacementBootsAndRestoresItAfter() {
		BootPriority priority = priority(BootPriorityMode.LOWER_AND_RESTORE, true);
		FakeProcess serving = killFirstOfTwoAndRestart(priority);
		assertThat(this.changes).containsExactly(serving.pid() + "->10");
		assertThat(priority.status().lowered()).isTrue();
		this.cluster.up(3);
		priority.update(this.cluster.status());
		assertThat(this.changes).containsExactly(serving.pid() + "->10", serving.pid() + "->0");
		assertThat(priority.status().lowered()).isFalse();
	}

	@Test
	void asksForNothingWhileNothingChanges() {
		BootPriority priority = priority(BootPriorityMode.LOWER_AND_RESTORE, true);
		killFirstOfTwoAndRestart(priority);
		this.changes.clear();
		for (int i = 0; i < 5; i++) {
			this.cluster.advance(Duration.ofMillis(500));
			priority.update(this.cluster.status());
		}
		assertThat(this.changes).isEmpty();
	}

	@Test
	void withoutTheRightToRaiseLowersTheNewlyReadyWorkerToTheOthers() {
		BootPriority priority = priority(BootPriorityMode.LOWER_ONLY, true);
		FakeProcess serving = killFirstOfTwoAndRestart(priority);
		FakeProcess replacement = this.cluster.up(3);
		priority.update(this.cluster.status());
		assertThat(this.changes).containsExactly(serving.pid() + "->10", replacement.pid() + "->10");
		assertThat(priority.status().mode()).isEqualTo(BootPriorityMode.LOWER_ONLY);
		assertThat(priority.status().lowered()).isTrue();
	}

	@Test
	void aRefusedRaiseTurnsToLowerOnlyWithOneWarning(CapturedOutput output) {
		BootPriority priority = priority(BootPriorityMode.LOWER_AND_RESTORE, false);
		FakeProcess serving = killFirstOfTwoAndRestart(priority);
		FakeProcess replacement = this.cluster.up(3);
		priority.update(this.cluster.status());
		priority.update(this.cluster.status());
		assertThat(priority.status().mode()).isEqualTo(BootPriorityMode.LOWER_ONLY);
		assertThat(this.changes).containsExactly(serving.pid() + "->10", serving.pid() + "->0 refused",
				replacement.pid() + "->10");
		assertThat(output).containsOnlyOnce("refused to raise worker (pid " + serving.pid() + ")");
	}

	private BootPriority priority(BootPriorityMode mode, boolean mayRaise) {
		return new BootPriority(new BootPriorityPolicy(mode, 0, 10), (pid, nice) -> {
			boolean allowed = mayRaise || nice == 10;
			this.changes.add(pid + "->" + nice + (allowed ? "" : " refused"));
			return allowed;
		}, Runnable::run);
	}

	/**
	 * Start two workers, kill the first and let its restart begin.
	 * @return the worker left serving
	 */
	private FakeProcess killFirstOfTwoAndRestart(BootPriority priority) {
		this.cluster.start(2);
		priority.update(this.cluster.status());
		FakeProcess first = this.cluster.up(1);
		FakeProcess second = this.cluster.up(2);
		priority.update(this.cluster.status());
		assertThat(this.changes).isEmpty();
		this.cluster.exit(first, 137);
		priority.update(this.cluster.status());
		this.cluster.advance(Duration.ofSeconds(1));
		priority.update(this.cluster.status());
		return second;
	}

}
