package dev.clusterboot.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;

import dev.clusterboot.api.status.StateWarningKind;
import dev.clusterboot.leadership.ClusterSchedulingProperties;
import dev.clusterboot.leadership.LeaderOnlyScheduling;
import dev.clusterboot.properties.ClusterLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClusterProperties}.
 */
class ClusterPropertiesTests {

	private final ClusterProperties properties = new ClusterProperties();

	@Test
	void resolvesAWholeNumberOfWorkers() {
		this.properties.setWorkers(" 4 ");
		assertThat(this.properties.resolveWorkers(2)).isEqualTo(4);
	}

	@Test
	void resolvesAutoToTheAvailableProcessorsWithinTheCap() {
		this.properties.setWorkers("auto");
		assertThat(this.properties.resolveWorkers(2)).isEqualTo(2);
		assertThat(this.properties.resolveWorkers(256)).isEqualTo(ClusterLimits.MAX_WORKERS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "abc", "65", "1.5", "" })
	void rejectsAnythingElseNamingThePropertyAndTheAllowedValues(String value) {
		this.properties.setWorkers(value);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.properties.resolveWorkers(2))
			.satisfies((ex) -> {
				assertThat(ex.getName()).isEqualTo("cluster.workers");
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getReason()).contains("from 1 to 64", "'auto'");
			});
	}

	@Test
	void settersRejectNonsenseNamingThePropertyTheValueAndTheRange() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.properties.getRestart().setMultiplier(0.5))
			.withMessage("Property cluster.restart.multiplier with value '0.5' is invalid: must be between 1 and 100");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> this.properties.getRestart().setMaxBackoff(Duration.ofDays(9999999999999L)))
			.withMessage("Property cluster.restart.max-backoff with value '9999999999999d' is invalid: "
					+ "must be between 1ms and 1d");
	}

	@Test
	void schedulingAndStateWarningsAreGroupsOfTheOneTreeWhereTheirEarlyBindersLook() {
		Binder binder = new Binder(new MapConfigurationPropertySource(
				Map.of("cluster.scheduling.leader-only", "marked", "cluster.state-warnings.sessions", "false")));
		ClusterProperties properties = binder.bindOrCreate("cluster", ClusterProperties.class);
		assertThat(properties.getScheduling().getLeaderOnly()).isEqualTo(LeaderOnlyScheduling.MARKED);
		assertThat(properties.getStateWarnings().isEnabled(StateWarningKind.SESSIONS)).isFalse();
		assertThat(binder.bindOrCreate(ClusterSchedulingProperties.PREFIX, ClusterSchedulingProperties.class)
			.getLeaderOnly()).isEqualTo(LeaderOnlyScheduling.MARKED);
		assertThat(StateWarningKind.SESSIONS.property()).isEqualTo("cluster.state-warnings.sessions");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theIdesDescriptionsPrintTheOneCapOnWorkers() throws IOException {
		Map<String, Object> metadata;
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(json.readAllBytes(), StandardCharsets.UTF_8));
		}
		Map<String, String> descriptions = new HashMap<>();
		for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
			descriptions.put((String) property.get("name"), (String) property.get("description"));
		}
		String cap = " to " + ClusterLimits.MAX_WORKERS;
		assertThat(descriptions.get("cluster.workers")).contains("from 1" + cap);
		assertThat(descriptions.get("cluster.standby-workers")).contains("From 0" + cap);
		assertThat(descriptions.get("cluster.health.min-up-workers")).contains("From 1" + cap);
		assertThat((List<Map<String, Object>>) metadata.get("hints"))
			.filteredOn((hint) -> "cluster.workers".equals(hint.get("name")))
			.singleElement()
			.satisfies((hint) -> assertThat(hint.get("values").toString())
				.contains("at most " + ClusterLimits.MAX_WORKERS + "."));
	}

}
