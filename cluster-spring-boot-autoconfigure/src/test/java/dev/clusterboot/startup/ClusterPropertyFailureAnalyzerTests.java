package dev.clusterboot.startup;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ClusterPropertyFailureAnalyzer}.
 */
class ClusterPropertyFailureAnalyzerTests {

	private final ClusterPropertyFailureAnalyzer analyzer = new ClusterPropertyFailureAnalyzer();

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			cluster.worker.class-data-sharing | foo   | one of auto, off
			cluster.restart.max-backoff       | abc   | a duration such as 500ms, 10s, 2m, 1h or 1d, or ISO-8601 such as PT10S
			cluster.worker.max-memory         | 12XB  | a data size such as 512MB or 1GB, or a number of bytes
			cluster.enabled                   | maybe | true or false
			cluster.restart.max-failed-starts | lots  | a whole number
			cluster.restart.multiplier        | x2    | a number such as 1.5
			""")
	void namesThePropertyTheValueAndTheAllowedValuesOfAValueOfTheWrongKind(String property, String value,
			String allowed) {
		FailureAnalysis analysis = analyze(property, value);
		assertThat(analysis.getDescription()).contains("Invalid value '" + value + "' for configuration property '"
				+ property + "' (originating from \"" + property + "\" from property source \"source\")")
			.contains(property + " must be " + allowed + ", not " + value);
		assertThat(analysis.getAction()).isEqualTo("Set '" + property + "' to " + allowed + ", or remove it.");
	}

	@Test
	void namesThePropertyTheValueAsWrittenAndTheRangeOfAValueOutOfRange() {
		FailureAnalysis analysis = analyze("cluster.restart.max-backoff", "9999999999999d");
		assertThat(analysis.getDescription())
			.contains("Invalid value '9999999999999d' for configuration property 'cluster.restart.max-backoff'")
			.contains("cluster.restart.max-backoff must be between 1ms and 1d, not 9999999999999d");
		assertThat(analysis.getAction())
			.isEqualTo("Set 'cluster.restart.max-backoff' to a value between 1ms and 1d, or remove it.");
	}

	@Test
	void namesAWarmUpRoutesMethodAndTheMethodsAllowed() {
		FailureAnalysis analysis = analyze("cluster.worker.warm-up.routes[0].method", "POST");
		assertThat(analysis.getDescription())
			.contains("Invalid value 'POST' for configuration property 'cluster.worker.warm-up.routes[0].method'")
			.contains("cluster.worker.warm-up.routes[0].method must be one of GET, HEAD (the methods listed in "
					+ "cluster.worker.warm-up.allowed-methods; list POST there too if repeating this request is "
					+ "safe), not POST");
	}

	@Test
	void leavesPropertiesOutsideClusterToBoot() {
		BindException failure = catchThrowableOfType(BindException.class,
				() -> binder("server.port", "abc").bind("server.port", Bindable.of(Integer.class)));
		assertThat(this.analyzer.analyze(failure)).isNull();
	}

	private FailureAnalysis analyze(String property, String value) {
		BindException failure = catchThrowableOfType(BindException.class,
				() -> binder(property, value).bindOrCreate("cluster", ClusterProperties.class));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).as("analysis of %s=%s", property, value).isNotNull();
		return analysis;
	}

	private static Binder binder(String property, String value) {
		return new Binder(new MapConfigurationPropertySource(Map.of(property, value)));
	}

}
