package dev.clusterboot.startup;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the bounds of every duration and number under {@code cluster.*}: each is
 * checked as Boot binds it, so that the master fails before it starts a worker, naming
 * the property and the range.
 */
class ClusterPropertyBoundsTests {

	private static final String LIMITS = """
			cluster.worker.boot-timeout,          1s,    1h,         999ms,    3600001ms,     between 1s and 1h
			cluster.worker.max-requests,          0,     1000000000, -1,       1000000001,    between 0 and 1000000000
			cluster.worker.max-requests-jitter,   0,     1000000000, -1,       1000000001,    between 0 and 1000000000
			cluster.worker.max-memory,            1MB,   1TB,        1048575B, 1099511627777B, between 1MB and 1TB
			cluster.restart.initial-backoff,      0ms,   1h,         -1ms,     3600001ms,     between 0ms and 1h
			cluster.restart.max-backoff,          1ms,   1d,         999us,    86400001ms,    between 1ms and 1d
			cluster.restart.multiplier,           1,     100,        0.99,     100.01,        between 1 and 100
			cluster.restart.stable-after,         0ms,   1d,         -1ms,     86400001ms,    between 0ms and 1d
			cluster.restart.max-failed-starts,    1,     1000,       0,        1001,          between 1 and 1000
			cluster.shutdown.timeout,             1s,    1h,         999ms,    3600001ms,     between 1s and 1h
			cluster.shutdown.drain-period,        0ms,   10m,        -1ms,     600001ms,      between 0ms and 10m
			cluster.heartbeat.interval,           10ms,  1m,         9ms,      60001ms,       between 10ms and 1m
			cluster.heartbeat.timeout,            100ms, 1h,         99ms,     3600001ms,     between 100ms and 1h
			cluster.health.min-up-workers,        1,     64,         0,        65,            between 1 and 64
			cluster.metrics.scrape-timeout,       10ms,  1m,         9ms,      60001ms,       between 10ms and 1m
			cluster.boot-priority.serving-nice,   1,     19,         0,        20,            between 1 and 19
			cluster.boot-priority.application-threads-nice, 0, 19,   -1,       20,            between 0 and 19
			cluster.worker.warm-up.duration,      1ms,   10m,        0ms,      600001ms,      between 1ms and 10m
			cluster.worker.warm-up.requests,      0,     1000000000, -1,       1000000001,    between 0 and 1000000000
			cluster.worker.warm-up.concurrency,   1,     64,         0,        65,            between 1 and 64
			cluster.worker.warm-up.time-limit,    1s,    10m,        999ms,    600001ms,      between 1s and 10m
			cluster.leadership.lock-time-to-live, 1s,    5m,         999ms,    300001ms,      between 1s and 5m
			""";

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = LIMITS)
	void acceptsBothEndsOfTheRange(String property, String min, String max) {
		bind(property, min);
		bind(property, max);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = LIMITS)
	void rejectsJustBelowAndJustAboveTheRangeNamingThePropertyAndTheRange(String property, String min, String max,
			String below, String above, String range) {
		assertRejected(property, below, range);
		assertRejected(property, above, range);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "cluster.restart.max-backoff, 9999999999999d", "cluster.shutdown.drain-period, 9999999999999d",
			"cluster.shutdown.timeout, 9999999999999d", "cluster.worker.boot-timeout, 9999999999999d",
			"cluster.heartbeat.timeout, 9999999999999d", "cluster.restart.multiplier, Infinity",
			"cluster.restart.multiplier, NaN", "cluster.worker.max-requests, 9223372036854775807" })
	void rejectsValuesTooLargeForTheMastersClock(String property, String value) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(property, value))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "cluster.restart.max-backoff, 9999999999999d, 9999999999999d",
			"cluster.heartbeat.interval, 1500us, 1500us", "cluster.heartbeat.interval, 90s, 90s",
			"cluster.heartbeat.interval, 2m, 2m",
			"cluster.worker.max-memory, 2048GB, 2TB", "cluster.worker.max-memory, 1023KB, 1023KB" })
	void namesTheRejectedValueInTheUnitItWasWrittenIn(String property, String value, String shown) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(property, value))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
					(ex) -> assertThat(ex.getValue()).isEqualTo(shown));
	}

	@ParameterizedTest(name = "''{0}''")
	@CsvSource({ "''", "'  '" })
	void rejectsABlankLockNamingTheProperty(String lock) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind("cluster.leadership.lock", lock))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo("cluster.leadership.lock");
				assertThat(ex.getReason()).contains("or be removed for a leader per host");
			});
	}

	private static void assertRejected(String property, String value, String range) {
		assertThatExceptionOfType(BindException.class).as("%s=%s", property, value)
			.isThrownBy(() -> bind(property, value))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(property);
				assertThat(ex.getReason()).isEqualTo("must be " + range);
			});
	}

	private static ClusterProperties bind(String property, String value) {
		return new Binder(new MapConfigurationPropertySource(Map.of(property, value))).bindOrCreate("cluster",
				ClusterProperties.class);
	}

}
