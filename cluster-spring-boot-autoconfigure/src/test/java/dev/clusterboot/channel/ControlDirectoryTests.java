package dev.clusterboot.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ControlDirectory}: a new master deletes what masters that are gone left
 * behind, and nothing else, even while another master deletes the same.
 */
class ControlDirectoryTests {

	@TempDir
	Path temp;

	@Test
	void writesTheMastersPidAndDeletesItselfWhenClosed() throws IOException {
		ControlDirectory directory = ControlDirectory.create(this.temp, 1234);
		assertThat(directory.path().getFileName().toString()).startsWith("cluster-");
		assertThat(directory.path().resolve("master.pid")).hasContent("1234");
		Files.createFile(directory.path().resolve("scrape-99.sock"));
		directory.close();
		assertThat(directory.path()).doesNotExist();
	}

	@Test
	void deletesTheDirectoriesOfMastersThatAreGoneAndNoOthers() throws Exception {
		Path stale = masterDirectory("cluster-111", deadPid());
		Files.createFile(stale.resolve("control.sock"));
		Files.createFile(stale.resolve("scrape-4000.sock"));
		Path live = masterDirectory("cluster-222", ProcessHandle.current().pid());
		Path withoutPid = Files.createDirectory(this.temp.resolve("cluster-333"));
		Path unreadablePid = Files.createDirectory(this.temp.resolve("cluster-444"));
		Files.writeString(unreadablePid.resolve("master.pid"), "not a pid");
		Path otherPrefix = masterDirectory("clustered-555", deadPid());
		try (ControlDirectory created = ControlDirectory.create(this.temp, ProcessHandle.current().pid())) {
			assertThat(stale).doesNotExist();
			assertThat(live.resolve("master.pid")).exists();
			assertThat(withoutPid).exists();
			assertThat(unreadablePid).exists();
			assertThat(otherPrefix.resolve("master.pid")).exists();
			assertThat(created.path()).exists();
		}
	}

	@Test
	void twoMastersThatStartTogetherBothStartWhileTheyDeleteTheSameDirectories() throws Exception {
		long dead = deadPid();
		ExecutorService masters = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				List<Path> stale = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					Path directory = masterDirectory("cluster-" + round + "-" + i, dead);
					for (int file = 0; file < 20; file++) {
						Files.createFile(directory.resolve("scrape-" + file + ".sock"));
					}
					stale.add(directory);
				}
				CyclicBarrier together = new CyclicBarrier(2);
				Callable<ControlDirectory> start = () -> {
					together.await();
					return ControlDirectory.create(this.temp, ProcessHandle.current().pid());
				};
				Future<ControlDirectory> first = masters.submit(start);
				Future<ControlDirectory> second = masters.submit(start);
				first.get(10, TimeUnit.SECONDS).close();
				second.get(10, TimeUnit.SECONDS).close();
				assertThat(stale).allSatisfy((directory) -> assertThat(directory).doesNotExist());
			}
		}
		finally {
			masters.shutdownNow();
		}
	}

	private Path masterDirectory(String name, long pid) throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve(name));
		Files.writeString(directory.resolve("master.pid"), pid + "\n");
		return directory;
	}

	/**
	 * The pid of a process that has just exited.
	 */
	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		return process.pid();
	}

}
