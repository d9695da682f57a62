package dev.clusterboot.properties;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Checks a {@code cluster.*} value against its allowed range as it is bound, so that no
 * setting can reach the master's arithmetic unbounded. A value out of range fails with
 * an {@link InvalidConfigurationPropertyValueException} that names the property and the
 * range, for example {@code must be between 1ms and 1d}.
 *
 * @author cluster-spring-boot-starter
 */
public final class PropertyBounds {

	private static final long[] SECOND_MULTIPLES = { 86400, 3600, 60, 1 };

	private static final String[] SECOND_MULTIPLE_SUFFIXES = { "d", "h", "m", "s" };

	private static final long[] BYTE_MULTIPLES = { 1L << 40, 1L << 30, 1L << 20, 1L << 10 };

	private static final String[] BYTE_MULTIPLE_SUFFIXES = { "TB", "GB", "MB", "KB" };

	private PropertyBounds() {
	}

	public static Duration check(String property, Duration value, Duration min, Duration max) {
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw outOfRange(property, text(value), text(min), text(max));
		}
		return value;
	}

	public static DataSize check(String property, DataSize value, DataSize min, DataSize max) {
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw outOfRange(property, text(value), text(min), text(max));
		}
		return value;
	}

	public static int check(String property, int value, int min, int max) {
		return (int) check(property, (long) value, min, max);
	}

	public static long check(String property, long value, long min, long max) {
		if (value < min || value > max) {
			throw outOfRange(property, Long.toString(value), Long.toString(min), Long.toString(max));
		}
		return value;
	}

	public static double check(String property, double value, double min, double max) {
		if (!(value >= min && value <= max)) {
			throw outOfRange(property, text(value), text(min), text(max));
		}
		return value;
	}

	private static InvalidConfigurationPropertyValueException outOfRange(String property, String value, String min,
			String max) {
		return new InvalidConfigurationPropertyValueException(property, value,
				"must be between " + min + " and " + max);
	}

	/**
	 * Write a duration in the largest unit that holds it exactly, as a user would:
	 * {@code 1d}, {@code 2m}, {@code 1500ms}.
	 */
	public static String text(Duration duration) {
		if (duration.isZero()) {
			return "0ms";
		}
		long seconds = duration.getSeconds();
		int nanos = duration.getNano();
		if (nanos == 0) {
			for (int i = 0; i < SECOND_MULTIPLES.length; i++) {
				if (seconds % SECOND_MULTIPLES[i] == 0) {
					return (seconds / SECOND_MULTIPLES[i]) + SECOND_MULTIPLE_SUFFIXES[i];
				}
			}
		}
		try {
			if (nanos % 1_000_000 == 0) {
				return duration.toMillis() + "ms";
			}
			return (nanos % 1000 == 0) ? (duration.toNanos() / 1000) + "us" : duration.toNanos() + "ns";
		}
		catch (ArithmeticException ex) {
			return duration.toString();
		}
	}

	/**
	 * Write a data size in the largest unit that holds it exactly: {@code 1TB},
	 * {@code 1023KB}, {@code 1048575B}.
	 */
	public static String text(DataSize size) {
		long bytes = size.toBytes();
		for (int i = 0; i < BYTE_MULTIPLES.length; i++) {
			if (bytes != 0 && bytes % BYTE_MULTIPLES[i] == 0) {
				return (bytes / BYTE_MULTIPLES[i]) + BYTE_MULTIPLE_SUFFIXES[i];
			}
		}
		return bytes + "B";
	}

	private static String text(double value) {
		return (value == Math.rint(value) && !Double.isInfinite(value)) ? Long.toString((long) value)
				: Double.toString(value);
	}

}
