package dev.clusterboot.priority;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.priority.AutogroupNice.Written;

/**
 * Sets the priority of a worker that runs in an {@link Autogroups autogroup} of its own:
 * the nice value of its autogroup, in {@code /proc/PID/autogroup}, which is what the
 * scheduler weighs against other sessions. Its threads' nice values are left alone: inside
 * the autogroup they weigh only the worker's threads against each other, which is how the
 * worker runs its application's threads below the JVM's own ({@link ApplicationThreadsNice}).
 * Where the autogroup cannot be set (a process in the master's session, or a kernel that
 * refuses it after all) the threads' nice values are set instead, through another
 * {@link ThreadPriorities}.
 * <p>
 * An autogroup's nice value is counted from 0, the value of a new one, and any user may
 * move it within 0 to 19: so it is set to the offset from the master's nice, and raising
 * it back never needs a privilege. The kernel lets an unprivileged process change an
 * autogroup's nice value at most every 100 ms, so a refusal for that reason is retried.
 * The autogroup of a process that shares the master's is never touched: that would
 * change the master's session too. {@link AutogroupNice} reads and writes the file.
 *
 * @author cluster-spring-boot-starter
 */
final class AutogroupPriorities implements ThreadPriorities {

	private static final Duration RATE_LIMIT = Duration.ofMillis(110);

	private static final int ATTEMPTS = 20;

	private final Path proc;

	private final int masterNice;

	private final ThreadPriorities threads;

	private final @Nullable String ownGroup;

	private final Writer writer;

	private final int applicationThreadsNice;

	/**
	 * Create priorities for workers that lead sessions of their own.
	 * @param proc the {@code /proc} directory
	 * @param masterNice the master's nice value, to which serving workers are restored
	 * @param threads sets the threads' nice values where an autogroup cannot be set
	 * @param applicationThreadsNice how many steps each worker runs its application's
	 * threads above the JVM's own, for the status
	 */
	AutogroupPriorities(Path proc, int masterNice, ThreadPriorities threads, int applicationThreadsNice) {
		this(proc, masterNice, threads, applicationThreadsNice, (autogroup, value) -> AutogroupNice.write(autogroup, value, true));
	}

	AutogroupPriorities(Path proc, int masterNice, ThreadPriorities threads, int applicationThreadsNice,
			Writer writer) {
		this.proc = proc;
		this.masterNice = masterNice;
		this.threads = threads;
		this.applicationThreadsNice = applicationThreadsNice;
		this.writer = writer;
		this.ownGroup = groupOf(ProcFiles.read(proc.resolve("self").resolve("autogroup")));
	}

	@Override
	public boolean setNice(long pid, int nice) {
		Path autogroup = this.proc.resolve(Long.toString(pid)).resolve("autogroup");
		String current = ProcFiles.read(autogroup);
		if (current == null) {
			return true; // the process is gone
		}
		if (this.ownGroup == null || this.ownGroup.equals(groupOf(current))) {
			return this.threads.setNice(pid, nice);
		}
		int value = Math.max(0, Math.min(19, nice - this.masterNice));
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			Written written = this.writer.write(autogroup, value);
			if (written == Written.DONE) {
				return true;
			}
			if (written == Written.REFUSED) {
				return this.threads.setNice(pid, nice); // the autogroup stays as it was
			}
			if (!pause()) {
				return false;
			}
		}
		return false;
	}

	@Override
	public boolean autogroups() {
		return true;
	}

	@Override
	public int applicationThreadsNice() {
		return this.applicationThreadsNice;
	}

	/**
	 * The autogroup's name in a line of {@code /proc/PID/autogroup}, such as
	 * {@code /autogroup-54 nice 10}.
	 * @param line the line, or {@code null}
	 * @return the name, or {@code null}
	 */
	static @Nullable String groupOf(@Nullable String line) {
		if (line == null || line.isBlank()) {
			return null;
		}
		return line.trim().split("\\s+")[0];
	}

	/**
	 * Writes an autogroup's nice value once.
	 */
	@FunctionalInterface
	interface Writer {

		Written write(Path autogroup, int value);

	}

	private static boolean pause() {
		try {
			Thread.sleep(RATE_LIMIT.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
