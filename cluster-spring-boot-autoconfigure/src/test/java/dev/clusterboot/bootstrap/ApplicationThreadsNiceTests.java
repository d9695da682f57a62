package dev.clusterboot.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.clusterboot.api.ClusterRole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationThreadsNice} and for when the master asks for it: on a real
 * thread of this JVM, the calling thread and every thread it starts afterwards move up by
 * the steps asked for, while the JVM's own threads keep their nice value.
 */
class ApplicationThreadsNiceTests {

	private static final Path PROC = Path.of("/proc");

	@Test
	@EnabledOnOs(OS.LINUX)
	void movesTheCallingThreadAndTheThreadsItStartsButNotTheJvmsOwn() throws Exception {
		AtomicInteger before = new AtomicInteger();
		AtomicInteger after = new AtomicInteger();
		AtomicInteger started = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				before.set(niceOfThisThread());
				ApplicationThreadsNice.applyToThisThread(
						Map.of(ClusterRole.APPLICATION_THREADS_NICE_VARIABLE, "5", "PATH", System.getenv("PATH")), PROC);
				after.set(niceOfThisThread());
				Thread child = new Thread(() -> started.set(niceOf(PROC.resolve("thread-self"))));
				child.start();
				child.join();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		caller.start();
		caller.join();
		assertThat(failure.get()).isNull();
		assertThat(after.get()).isEqualTo(Math.min(19, before.get() + 5));
		assertThat(started.get()).as("a thread started afterwards").isEqualTo(after.get());
		assertThat(niceOfThisThread()).as("another thread").isEqualTo(before.get());
	}

	@Test
	void doesNothingUnlessTheMasterAsked() {
		ApplicationThreadsNice.applyToThisThread(Map.of(), PROC);
		ApplicationThreadsNice.applyToThisThread(Map.of(ClusterRole.APPLICATION_THREADS_NICE_VARIABLE, "0"), PROC);
	}

	@Test
	void readsTheStepsAndStopsAt19() {
		assertThat(ApplicationThreadsNice.steps("10")).isEqualTo(10);
		assertThat(ApplicationThreadsNice.steps(" 0 ")).isZero();
		assertThat(ApplicationThreadsNice.steps("20")).isNull();
		assertThat(ApplicationThreadsNice.steps("-1")).isNull();
		assertThat(ApplicationThreadsNice.steps("ten")).isNull();
		assertThat(ApplicationThreadsNice.steps(null)).isNull();
		assertThat(ApplicationThreadsNice.target(0, 10)).isEqualTo(10);
		assertThat(ApplicationThreadsNice.target(15, 10)).isEqualTo(19);
	}

	@Test
	void theMasterAsksOnlyWhereWorkersRunInAutogroupsOfTheirOwn() {
		ClusterBootPriorityProperties properties = new ClusterBootPriorityProperties();
		Autogroups apply = new Autogroups(Path.of("/usr/bin/setsid"), null);
		Autogroups none = new Autogroups(null, "the CPU controller of this process's cgroup is not the root");
		assertThat(BootPriorityStartup.workerEnvironment(properties, apply))
			.containsExactly(Map.entry(ClusterRole.APPLICATION_THREADS_NICE_VARIABLE, "10"));
		assertThat(BootPriorityStartup.workerEnvironment(properties, none)).isEmpty();
		properties.setApplicationThreadsNice(0);
		assertThat(BootPriorityStartup.workerEnvironment(properties, apply)).isEmpty();
		properties.setApplicationThreadsNice(3);
		properties.setEnabled(false);
		assertThat(BootPriorityStartup.workerEnvironment(properties, apply)).isEmpty();
	}

	private static int niceOfThisThread() {
		return niceOf(PROC.resolve("thread-self"));
	}

	private static int niceOf(Path thread) {
		try {
			Integer nice = ReniceThreadPriorities.niceOf(Files.readString(thread.resolve("stat")));
			return (nice != null) ? nice : -100;
		}
		catch (IOException ex) {
			return -100;
		}
	}

}
