package dev.clusterboot.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Warns that a server cut a peer off, at most once per interval, so that a flood of bad
 * connections cannot flood the log; the next warning says how many were left out, of
 * any kind.
 *
 * @author cluster-spring-boot-starter
 */
final class CutOffWarnings {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final Log log;

	private final Clock clock;

	private final Duration interval;

	private @Nullable Instant last;

	private int left;

	/**
	 * Create warnings at most every ten seconds.
	 * @param log the log to warn on
	 */
	CutOffWarnings(Log log) {
		this(log, Clock.systemUTC(), INTERVAL);
	}

	CutOffWarnings(Log log, Clock clock, Duration interval) {
		this.log = log;
		this.clock = clock;
		this.interval = interval;
	}

	/**
	 * Warn, unless a warning went out less than the interval ago.
	 * @param message what happened
	 */
	void warn(String message) {
		String line = admit(message, this.clock.instant());
		if (line != null) {
			this.log.warn(line);
		}
	}

	/**
	 * Decide whether a warning goes out now.
	 * @param message what happened
	 * @param now the time
	 * @return the line to log, or {@code null} to leave it out
	 */
	synchronized @Nullable String admit(String message, Instant now) {
		Instant previous = this.last;
		if (previous != null && now.isBefore(previous.plus(this.interval))) {
			this.left++;
			return null;
		}
		String line = (this.left > 0)
				? message + " (" + this.left + " more peers refused or cut off since " + previous + ")" : message;
		this.last = now;
		this.left = 0;
		return line;
	}

}
