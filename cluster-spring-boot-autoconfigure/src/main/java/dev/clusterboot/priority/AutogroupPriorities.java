package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
 * change the master's session too.
 *
 * @author cluster-spring-boot-starter
 */
final class AutogroupPriorities implements ThreadPriorities {

	private static final Log logger = LogFactory.getLog(AutogroupPriorities.class);

	private static final Duration RATE_LIMIT = Duration.ofMillis(110);

	private static final int ATTEMPTS = 20;

	private static final AtomicBoolean REFUSAL_REPORTED = new AtomicBoolean();

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
		this(proc, masterNice, threads, applicationThreadsNice, (autogroup, value) -> write(autogroup, value, true));
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

	/**
	 * Write an autogroup's nice value once.
	 * @param autogroup the process's {@code /proc/PID/autogroup}
	 * @param value the nice value
	 * @param warn whether to log the first refusal as a warning (a worker's), rather than
	 * at debug level (a probe's)
	 * @return what the kernel answered
	 */
	static Written write(Path autogroup, int value, boolean warn) {
		try (FileChannel channel = FileChannel.open(autogroup, StandardOpenOption.WRITE)) {
			// the kernel's EAGAIN: a channel answers it with 0 bytes written
			int bytes = channel.write(ByteBuffer.wrap(Integer.toString(value).getBytes(StandardCharsets.US_ASCII)));
			return (bytes > 0) ? Written.DONE : Written.RATE_LIMITED;
		}
		catch (NoSuchFileException ex) {
			return Written.DONE; // the process is gone
		}
		catch (IOException ex) {
			if (warn && REFUSAL_REPORTED.compareAndSet(false, true)) {
				logger.warn("Could not set the nice value of a worker's autogroup (" + autogroup + ": " + ex
						+ "); the master sets its threads' nice values only");
			}
			else {
				logger.debug("Could not set the autogroup nice of " + autogroup, ex);
			}
			return Written.REFUSED;
		}
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
	 * What one write of an autogroup's nice value did.
	 */
	enum Written {

		/** The value is set, or the process is gone. */
		DONE,

		/** The kernel's rate limit for unprivileged writers: try again after 100 ms. */
		RATE_LIMITED,

		/** The kernel refused it. */
		REFUSED

	}

	/**
	 * Writes an autogroup's nice value once.
	 */
	@FunctionalInterface
	interface Writer {

		Written write(Path autogroup, int value);

	}

	/**
	 * The nice value in a line of {@code /proc/PID/autogroup}, such as
	 * {@code /autogroup-54 nice 10}.
	 * @param line the line
	 * @return the value, or {@code null} when the line has none
	 */
	static @Nullable Integer niceOf(String line) {
		String[] fields = line.trim().split("\\s+");
		try {
			return Integer.parseInt(fields[fields.length - 1]);
		}
		catch (NumberFormatException ex) {
			return null;
		}
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
