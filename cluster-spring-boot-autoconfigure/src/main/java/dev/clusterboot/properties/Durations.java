package dev.clusterboot.properties;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Time arithmetic that no configured duration can break, and durations as the master's
 * log lines show them.
 *
 * @author cluster-spring-boot-starter
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Return the time a duration after an instant, or {@link Instant#MAX} when that is
	 * beyond what an instant holds.
	 * @param instant the start
	 * @param duration the duration
	 * @return the later instant
	 */
	public static Instant plus(Instant instant, Duration duration) {
		try {
			return instant.plus(duration);
		}
		catch (DateTimeException | ArithmeticException ex) {
			return Instant.MAX;
		}
	}

	/**
	 * Add durations up in milliseconds, saturating at {@link Long#MAX_VALUE}.
	 * @param durations the durations
	 * @return the sum in milliseconds
	 */
	public static long millis(Duration... durations) {
		long sum = 0;
		for (Duration duration : durations) {
			try {
				sum = Math.addExact(sum, duration.toMillis());
			}
			catch (ArithmeticException ex) {
				return Long.MAX_VALUE;
			}
		}
		return sum;
	}

	/**
	 * Format a duration for a log line: {@code 250ms}, {@code 1.5s}, or whole days for
	 * very long ones.
	 * @param duration the duration
	 * @return the text
	 */
	public static String format(Duration duration) {
		if (duration.getSeconds() >= 1000L * 24 * 3600) {
			return duration.toDays() + "d";
		}
		long millis = duration.toMillis();
		return (millis < 1000) ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
	}

}
