package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sets a process's threads' nice value on Linux, where Java has no
 * {@code setpriority}: lists the threads in {@code /proc/PID/task}, reads each one's nice
 * value (field 19 of {@code /proc/PID/task/TID/stat}) and runs {@code renice <nice> -p
 * <tid>...} (util-linux or BusyBox; the priority given without {@code -n}, which every
 * version reads as an absolute value) for those that differ. It looks again afterwards for
 * threads started in the meantime by threads not yet changed.
 *
 * @author cluster-spring-boot-starter
 */
final class ReniceThreadPriorities implements ThreadPriorities {

	private static final Log logger = LogFactory.getLog(ReniceThreadPriorities.class);

	private static final int PASSES = 3;

	private static final long RENICE_TIMEOUT_SECONDS = 10;

	private final Path renice;

	private final Path proc;

	ReniceThreadPriorities(Path renice, Path proc) {
		this.renice = renice;
		this.proc = proc;
	}

	/**
	 * Find the {@code renice} command on the {@code PATH}.
	 * @param path the value of {@code PATH}
	 * @return the command, or {@code null} when there is none
	 */
	static @Nullable Path findRenice(@Nullable String path) {
		return CommandPath.find("renice", path);
	}

	@Override
	public boolean setNice(long pid, int nice) {
		return setNice(pid, nice, null);
	}

	/**
	 * Set the nice value of the threads of a process whose names pass a test.
	 * @param pid the process
	 * @param nice the nice value
	 * @param named tests a thread's name as the kernel shows it
	 * ({@code /proc/PID/task/TID/comm}); asked again on each pass, for threads started
	 * meanwhile; {@code null} for every thread
	 * @return {@code false} when the operating system refused
	 */
	boolean setNice(long pid, int nice, @Nullable Predicate<String> named) {
		for (int pass = 0; pass < PASSES; pass++) {
			List<String> threads = threadsNotAt(pid, nice, named);
			if (threads.isEmpty()) {
				return true;
			}
			if (!renice(nice, threads)) {
				return threadsNotAt(pid, nice, named).isEmpty();
			}
		}
		return true; // threads still starting after the last pass were not refused
	}

	/**
	 * The threads of a process whose nice value is not the one given; empty when the
	 * process is gone.
	 */
	List<String> threadsNotAt(long pid, int nice) {
		return threadsNotAt(pid, nice, null);
	}

	private List<String> threadsNotAt(long pid, int nice, @Nullable Predicate<String> named) {
		List<String> threads = new ArrayList<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(this.proc.resolve(Long.toString(pid)).resolve("task"))) {
			for (Path task : tasks) {
				Integer current = niceOf(read(task.resolve("stat")));
				if (current != null && current != nice && (named == null || isNamed(task, named))) {
					threads.add(task.getFileName().toString());
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		return threads;
	}

	private static boolean isNamed(Path task, Predicate<String> named) {
		String name = read(task.resolve("comm"));
		return name != null && named.test(name.strip());
	}

	private static @Nullable String read(Path stat) {
		try {
			return Files.readString(stat, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			return null; // the thread has ended
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Read the nice value from a thread's {@code stat} line: field 19, counted after the
	 * command name in parentheses, which may itself hold spaces and parentheses.
	 * @param stat the line, or {@code null}
	 * @return the nice value, or {@code null} when the line is unreadable
	 */
	static @Nullable Integer niceOf(@Nullable String stat) {
		if (stat == null) {
			return null;
		}
		int end = stat.lastIndexOf(')');
		if (end < 0) {
			return null;
		}
		String[] fields = stat.substring(end + 1).trim().split("\\s+");
		// fields[0] is field 3 (state), so field 19 is fields[16]
		try {
			return (fields.length > 16) ? Integer.parseInt(fields[16]) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Run {@code renice}; return {@code false} when it reports a permission error.
	 */
	private boolean renice(int nice, List<String> threads) {
		List<String> command = new ArrayList<>(List.of(this.renice.toString(), Integer.toString(nice), "-p"));
		command.addAll(threads);
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectErrorStream(false);
		builder.environment().remove("POSIXLY_CORRECT");
		try {
			Process process = builder.start();
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			if (!errors.isBlank()) {
				logger.trace("renice: " + errors.trim());
			}
			return !(errors.contains("Permission denied") || errors.contains("Operation not permitted"));
		}
		catch (IOException ex) {
			logger.debug("Could not run " + this.renice, ex);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

}
