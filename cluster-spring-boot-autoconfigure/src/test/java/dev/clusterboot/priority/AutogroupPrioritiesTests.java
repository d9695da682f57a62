package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.clusterboot.priority.AutogroupNice.Written;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutogroupPriorities} with real processes: a child in a session of its
 * own gets its autogroup's nice value lowered and raised back, without any privilege the
 * kernel would ask for, and its threads are left alone; a child in this process's session
 * keeps the shared autogroup as it is, and its threads are changed instead.
 */
@EnabledOnOs(OS.LINUX)
class AutogroupPrioritiesTests {

	private static final Path PROC = Path.of("/proc");

	private final List<String> threadChanges = new ArrayList<>();

	private final AutogroupPriorities priorities = new AutogroupPriorities(PROC, 0, (pid, nice) -> {
		this.threadChanges.add(pid + "->" + nice);
		return false;
	}, 10);

	@Test
	void lowersAndRaisesBackTheAutogroupOfAProcessInASessionOfItsOwn() throws Exception {
		Autogroups autogroups = Autogroups.detect(PROC, System.getenv("PATH"));
		Assumptions.assumeTrue(autogroups.apply(), () -> "autogroups do not apply here: " + autogroups.reason());
		Process child = new ProcessBuilder(autogroups.setsid().toString(), "sleep", "60").start();
		try {
			awaitExec(child, "sleep");
			assertThat(autogroupOf(child.pid())).isNotEqualTo(autogroupOf(ProcessHandle.current().pid()));
			assertThat(this.priorities.setNice(child.pid(), 10)).isTrue();
			assertThat(autogroupOf(child.pid())).endsWith(" nice 10");
			assertThat(this.priorities.setNice(child.pid(), 0)).isTrue();
			assertThat(autogroupOf(child.pid())).endsWith(" nice 0");
			assertThat(this.threadChanges).as("the threads, which weigh against each other only").isEmpty();
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@Test
	void leavesTheSharedAutogroupOfAProcessInThisSessionAlone() throws Exception {
		Process child = new ProcessBuilder("sleep", "60").start();
		try {
			awaitExec(child, "sleep");
			String before = autogroupOf(ProcessHandle.current().pid());
			assertThat(this.priorities.setNice(child.pid(), 10)).as("the threads' answer").isFalse();
			assertThat(autogroupOf(ProcessHandle.current().pid())).isEqualTo(before);
			assertThat(this.threadChanges).containsExactly(child.pid() + "->10");
		}
		finally {
			child.destroyForcibly().waitFor();
		}
	}

	@Test
	void retriesWhileTheKernelsRateLimitRefusesAndStopsAtARefusal(@TempDir Path proc) throws IOException {
		Files.createDirectories(proc.resolve("self"));
		Files.writeString(proc.resolve("self/autogroup"), "/autogroup-1 nice 0\n");
		Files.createDirectories(proc.resolve("42"));
		Files.writeString(proc.resolve("42/autogroup"), "/autogroup-2 nice 0\n");
		Deque<Written> answers = new ArrayDeque<>(
				List.of(Written.RATE_LIMITED, Written.RATE_LIMITED, Written.DONE, Written.REFUSED));
		List<Integer> writes = new ArrayList<>();
		List<String> threadChanges = new ArrayList<>();
		AutogroupPriorities priorities = new AutogroupPriorities(proc, 0, (pid, nice) -> {
			threadChanges.add(pid + "->" + nice);
			return false;
		}, 10, (file, value) -> {
			writes.add(value);
			return answers.pop();
		});
		assertThat(priorities.setNice(42, 10)).isTrue();
		assertThat(writes).containsExactly(10, 10, 10);
		assertThat(threadChanges).isEmpty();
		assertThat(priorities.setNice(42, 0)).as("the threads' answer, after the refusal").isFalse();
		assertThat(writes).containsExactly(10, 10, 10, 0);
		assertThat(threadChanges).containsExactly("42->0");
	}

	@Test
	void readsTheAutogroupsName() {
		assertThat(AutogroupPriorities.groupOf("/autogroup-54 nice 10\n")).isEqualTo("/autogroup-54");
		assertThat(AutogroupPriorities.groupOf("")).isNull();
		assertThat(AutogroupPriorities.groupOf(null)).isNull();
	}

	/**
	 * Wait until the child runs the command, past {@code setsid}, with the same pid.
	 */
	private static void awaitExec(Process child, String command) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> Files.readString(PROC.resolve(Long.toString(child.pid())).resolve("comm")).trim(),
					command::equals);
	}

	private static String autogroupOf(long pid) throws IOException {
		return Files.readString(PROC.resolve(Long.toString(pid)).resolve("autogroup")).trim();
	}

}
