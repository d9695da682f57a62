package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The nice value of an autogroup in {@code /proc/PID/autogroup}: reads it from the file's
 * line, such as {@code /autogroup-54 nice 10}, and writes it once, telling the kernel's
 * rate limit for unprivileged writers apart from a refusal.
 *
 * @author cluster-spring-boot-starter
 */
final class AutogroupNice {

	private static final Log logger = LogFactory.getLog(AutogroupNice.class);

	private static final AtomicBoolean REFUSAL_REPORTED = new AtomicBoolean();

	private AutogroupNice() {
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

}
