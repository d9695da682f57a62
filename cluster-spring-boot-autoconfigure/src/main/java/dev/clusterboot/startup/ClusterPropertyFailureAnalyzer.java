package dev.clusterboot.startup;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Explains a {@code cluster.*} value that failed to bind, in the master's early listener
 * or in a worker: which property, the value as written, where it came from, and what the
 * property accepts, for example
 * {@code cluster.restart.max-backoff must be between 1ms and 1d, not 9999999999999d} or
 * {@code cluster.worker.class-data-sharing must be one of auto, off, not foo}. Ordered
 * before Boot's own analyzers, which name the property but not the formats a duration
 * or a data size may take, and list enum constants in upper case. Failures of other
 * properties are left to them.
 *
 * @author cluster-spring-boot-starter
 */
class ClusterPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "cluster.";

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		InvalidConfigurationPropertyValueException outOfRange = findCause(cause,
				InvalidConfigurationPropertyValueException.class);
		if (outOfRange != null && outOfRange.getName().startsWith(PREFIX)) {
			String name = outOfRange.getName();
			return analysis(name, valueAsWritten(cause, name, outOfRange.getValue()), cause.getProperty(),
					outOfRange.getReason(), "a value " + outOfRange.getReason().replaceFirst("^must be ", ""), cause);
		}
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		String name = cause.getName().toString();
		if (conversion == null || !name.startsWith(PREFIX)) {
			return null;
		}
		String allowed = allowedValues(conversion.getTargetType().getType());
		return analysis(name, valueAsWritten(cause, name, conversion.getValue()), cause.getProperty(),
				"must be " + allowed, allowed, cause);
	}

	private static FailureAnalysis analysis(String name, String value, @Nullable ConfigurationProperty property,
			String rule, String allowed, BindException cause) {
		String origin = (property != null && property.getOrigin() != null)
				? " (originating from " + property.getOrigin() + ")" : "";
		return new FailureAnalysis(
				String.format("Invalid value '%s' for configuration property '%s'%s:%n%n    %s %s, not %s", value,
						name, origin, name, rule, value),
				"Set '" + name + "' to " + allowed + ", or remove it.", cause);
	}

	/**
	 * The value as the user wrote it, when Boot kept it with the failure.
	 */
	private static String valueAsWritten(BindException cause, String name, @Nullable Object fallback) {
		ConfigurationProperty property = cause.getProperty();
		if (property != null && property.getName().toString().equals(name)) {
			return String.valueOf(property.getValue());
		}
		return String.valueOf(fallback);
	}

	/**
	 * What a property of the given type accepts, in the words of Boot's binding rules.
	 * @param type the property's type
	 * @return the allowed values or formats
	 */
	static String allowedValues(Class<?> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (Duration.class.equals(type)) {
			return "a duration such as 500ms, 10s, 2m, 1h or 1d, or ISO-8601 such as PT10S";
		}
		if (DataSize.class.equals(type)) {
			return "a data size such as 512MB or 1GB, or a number of bytes";
		}
		if (Boolean.class.equals(boxed)) {
			return "true or false";
		}
		if (Integer.class.equals(boxed) || Long.class.equals(boxed) || Short.class.equals(boxed)) {
			return "a whole number";
		}
		if (Double.class.equals(boxed) || Float.class.equals(boxed)) {
			return "a number such as 1.5";
		}
		return "a valid " + type.getSimpleName();
	}

}
