package dev.clusterboot.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutogroupPriorities} with real processes: a child in a session of its
 * own gets its autogroup's nice value lowered and raised back, without any privilege the
 * kernel would ask for; a child in this process's session keeps the shared autogroup as
 * it is. The threads are changed too, each time.
 */
@EnabledOnOs(OS.LINUX)
class AutogroupPrioritiesTests {

	private static final Path PROC = Path.of("/proc");

	private final List<String> threadChanges = new ArrayList<>();

	private final AutogroupPriorities priorities = new AutogroupPriorities(PROC, 0, (pid, nice) -> {
		this.threadChanges.add(pid + "->" + nice);
		return false;
	});

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
			assertThat(this.threadChanges).containsExactly(child.pid() + "->10", child.pid() + "->0");
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
