package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.clusterboot.channel.WorkerEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationThreadsNice} and for when the master asks for it: on real
 * threads of this JVM, the threads of the application's thread group and every thread they
 * start afterwards move up by the steps asked for, while the threads of other groups and
 * the JVM's own threads (the JIT's) keep their nice value.
 */
class ApplicationThreadsNiceTests {

	private static final Path PROC = Path.of("/proc");

	@Test
	@EnabledOnOs(OS.LINUX)
	void movesTheGroupsThreadsButNotTheJvmsOwn() throws Exception {
		ThreadGroup application = new ThreadGroup("application-under-test");
		try (ParkedThread member = ParkedThread.start(application, "a-thread-of-the-application-with-a-long-name")) {
			int before = niceOfThread("a-thread-of-the");
			Integer jitBefore = jitNice();
			ApplicationThreadsNice.applyToThreadsOf(
					Map.of(WorkerEnvironment.APPLICATION_THREADS_NICE_VARIABLE, "5", "PATH", System.getenv("PATH")), PROC,
					application);
			assertThat(niceOfThread("a-thread-of-the")).as("the group's thread")
				.isEqualTo(Math.min(19, niceOf(PROC.resolve("self")) + 5));
			assertThat(niceOf(PROC.resolve("thread-self"))).as("a thread of another group").isEqualTo(before);
			assertThat(jitNice()).as("the JIT compiler thread").isEqualTo(jitBefore);
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aThreadStartedByAMovedThreadInheritsItsNiceValue() throws Exception {
		ThreadGroup application = new ThreadGroup("application-under-test-2");
		AtomicInteger parent = new AtomicInteger();
		AtomicInteger child = new AtomicInteger();
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch moved = new CountDownLatch(1);
		Thread member = new Thread(application, () -> {
			running.countDown();
			await(moved);
			parent.set(niceOf(PROC.resolve("thread-self")));
			Thread started = new Thread(() -> child.set(niceOf(PROC.resolve("thread-self"))));
			started.start();
			try {
				started.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "parent-under-test");
		member.start();
		await(running);
		ApplicationThreadsNice.applyToThreadsOf(
				Map.of(WorkerEnvironment.APPLICATION_THREADS_NICE_VARIABLE, "3", "PATH", System.getenv("PATH")), PROC,
				application);
		moved.countDown();
		member.join();
		assertThat(parent.get()).isEqualTo(Math.min(19, niceOf(PROC.resolve("self")) + 3));
		assertThat(child.get()).as("a thread it started afterwards").isEqualTo(parent.get());
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void doesNothingUnlessTheMasterAsked() throws Exception {
		ThreadGroup application = new ThreadGroup("application-under-test-3");
		try (ParkedThread member = ParkedThread.start(application, "not-to-be-moved")) {
			int before = niceOfThread("not-to-be-moved");
			ApplicationThreadsNice.applyToThreadsOf(Map.of("PATH", System.getenv("PATH")), PROC, application);
			ApplicationThreadsNice.applyToThreadsOf(
					Map.of(WorkerEnvironment.APPLICATION_THREADS_NICE_VARIABLE, "0", "PATH", System.getenv("PATH")), PROC,
					application);
			assertThat(niceOfThread("not-to-be-moved")).isEqualTo(before);
		}
	}

	@Test
	void namesThreadsAsTheKernelDoes() throws Exception {
		ThreadGroup application = new ThreadGroup("application-under-test-4");
		try (ParkedThread member = ParkedThread.start(application, "http-nio-8080-exec-1")) {
			assertThat(ApplicationThreadsNice.namesOf(application)).containsExactly("http-nio-8080-e");
		}
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
			.containsExactly(Map.entry(WorkerEnvironment.APPLICATION_THREADS_NICE_VARIABLE, "10"));
		assertThat(BootPriorityStartup.workerEnvironment(properties, none)).isEmpty();
		properties.setApplicationThreadsNice(0);
		assertThat(BootPriorityStartup.workerEnvironment(properties, apply)).isEmpty();
		properties.setApplicationThreadsNice(3);
		properties.setEnabled(false);
		assertThat(BootPriorityStartup.workerEnvironment(properties, apply)).isEmpty();
	}

	/**
	 * The nice value of this process's thread whose name starts so; -100 when there is none.
	 */
	private static int niceOfThread(String name) throws IOException {
		try (Stream<Path> tasks = Files.list(PROC.resolve("self").resolve("task"))) {
			return tasks.filter((task) -> comm(task).startsWith(name)).mapToInt(ApplicationThreadsNiceTests::niceOf)
				.findFirst()
				.orElse(-100);
		}
	}

	/**
	 * The nice value of a JIT compiler thread of this JVM, or {@code null} when it has none.
	 */
	private static Integer jitNice() throws IOException {
		try (Stream<Path> tasks = Files.list(PROC.resolve("self").resolve("task"))) {
			return tasks.filter((task) -> comm(task).contains("CompilerThre"))
				.map(ApplicationThreadsNiceTests::niceOf)
				.findFirst()
				.orElse(null);
		}
	}

	private static String comm(Path task) {
		try {
			return Files.readString(task.resolve("comm")).strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * A thread of a group that runs, under its name, until closed.
	 */
	private record ParkedThread(Thread thread, CountDownLatch release) implements AutoCloseable {

		static ParkedThread start(ThreadGroup group, String name) {
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Thread thread = new Thread(group, () -> {
				running.countDown();
				await(release);
			}, name);
			thread.start();
			// the kernel knows the thread by its name only once it runs
			await(running);
			return new ParkedThread(thread, release);
		}

		@Override
		public void close() throws InterruptedException {
			this.release.countDown();
			this.thread.join();
		}

	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
