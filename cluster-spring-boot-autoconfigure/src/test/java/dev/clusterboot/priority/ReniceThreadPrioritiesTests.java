package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReniceThreadPriorities}: reading a thread's nice value and finding the
 * threads to change, on a {@code /proc} the test writes.
 */
class ReniceThreadPrioritiesTests {

	@TempDir
	Path proc;

	@Test
	void readsTheNiceValueAfterACommandNameWithSpacesAndParentheses() {
		String stat = "4242 (http-nio-8080 (exec) 1) S 4200 4200 4200 0 -1 4194368 1 0 0 0 5 2 0 0 20 10 31 0 "
				+ "1234 0 0";
		assertThat(ReniceThreadPriorities.niceOf(stat)).isEqualTo(10);
		assertThat(ReniceThreadPriorities.niceOf("1 (java) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 -5 1 0"))
			.isEqualTo(-5);
	}

	@Test
	void readsNothingFromABrokenLine() {
		assertThat(ReniceThreadPriorities.niceOf(null)).isNull();
		assertThat(ReniceThreadPriorities.niceOf("garbage")).isNull();
		assertThat(ReniceThreadPriorities.niceOf("1 (java) S 0")).isNull();
	}

	@Test
	void listsOnlyTheThreadsWhoseNiceDiffers() throws IOException {
		thread(7, 7, 0);
		thread(7, 8, 10);
		thread(7, 9, 0);
		ReniceThreadPriorities priorities = new ReniceThreadPriorities(Path.of("renice"), this.proc);
		assertThat(priorities.threadsNotAt(7, 10)).containsExactlyInAnyOrder("7", "9");
		assertThat(priorities.threadsNotAt(8, 10)).isEmpty();
	}

	@Test
	void aProcessThatIsGoneNeedsNothing() {
		ReniceThreadPriorities priorities = new ReniceThreadPriorities(Path.of("/nonexistent/renice"), this.proc);
		assertThat(priorities.setNice(99, 10)).isTrue();
	}

	@Test
	void findsReniceOnThePathOrNothing(@TempDir Path bin) throws IOException {
		assertThat(ReniceThreadPriorities.findRenice(bin.toString())).isNull();
		assertThat(ReniceThreadPriorities.findRenice(null)).isNull();
		Path renice = Files.createFile(bin.resolve("renice"));
		renice.toFile().setExecutable(true);
		assertThat(ReniceThreadPriorities.findRenice("/nonexistent:" + bin)).isEqualTo(renice);
	}

	private void thread(long pid, long tid, int nice) throws IOException {
		Path task = Files.createDirectories(this.proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid)));
		Files.writeString(task.resolve("stat"),
				tid + " (java) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 " + nice + " 1 0 0 0 0\n");
	}

}
