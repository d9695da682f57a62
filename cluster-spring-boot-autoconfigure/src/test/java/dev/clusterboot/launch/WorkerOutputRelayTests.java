package dev.clusterboot.launch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.launch.WorkerOutputRelay.Source;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerOutputRelay}'s decision about each line of a worker's output.
 */
class WorkerOutputRelayTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

	private static final String ECS_EVENT = "{\"@timestamp\":\"2026-01-02T03:04:05.678Z\",\"log\":{\"level\":\"INFO\"},"
			+ "\"message\":\"Started\",\"cluster\":{\"worker\":\"2\"},\"ecs\":{\"version\":\"8.11\"}}";

	@Test
	void plainTextLinesKeepTheirWorkerPrefix() {
		WorkerOutputRelay relay = relay(WorkerLogFormat.PLAIN, Source.STDOUT);
		assertThat(relay.relayed("Tomcat started on port 8080")).isEqualTo("[worker 2] Tomcat started on port 8080");
		assertThat(relay.relayed("")).isEqualTo("[worker 2] ");
		assertThat(relay.relayed(ECS_EVENT)).isEqualTo("[worker 2] " + ECS_EVENT);
	}

	@Test
	void aStandbysLinesSayStandbyUntilItServesASlot() {
		WorkerOutputRelay relay = new WorkerOutputRelay(WorkerLogFormat.PLAIN, 0, 4242, Source.STDOUT, clock);
		assertThat(relay.relayed("Started")).isEqualTo("[standby] Started");
		relay.serves(1);
		assertThat(relay.relayed("joined")).isEqualTo("[worker 1] joined");
	}

	@Test
	void aWorkersOwnEventsPassUnchangedWhenTheOutputIsStructured() {
		assertThat(relay(WorkerLogFormat.ECS, Source.STDOUT).relayed(ECS_EVENT)).isEqualTo(ECS_EVENT);
	}

	@ParameterizedTest
	@EnumSource(names = { "ECS", "LOGSTASH", "GELF" })
	void aLineThatIsNotAJsonObjectBecomesAnEventOfTheFormatWithTheSlot(WorkerLogFormat format) {
		WorkerOutputRelay relay = relay(format, Source.STDERR);
		List<String> lines = List.of("OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes",
				"\"main\" #1 prio=5 os_prio=0 cpu=3744.30ms waiting on condition", "{ not json }",
				"{\"complete\":true} and then some", "[\"an\",\"array\"]", "42");
		for (String line : lines) {
			String relayed = relay.relayed(line);
			assertThat(relayed).isEqualTo(format.event(line, Source.STDERR, 2, 4242, ZonedDateTime.now(clock)));
			assertThat(json.readTree(relayed).isObject()).isTrue();
		}
	}

	@Test
	void blankLinesAreLeftOutWhenTheOutputIsStructured() {
		WorkerOutputRelay relay = relay(WorkerLogFormat.GELF, Source.STDOUT);
		assertThat(relay.relayed("")).isNull();
		assertThat(relay.relayed(" \t")).isNull();
	}

	private static WorkerOutputRelay relay(WorkerLogFormat format, Source source) {
		return new WorkerOutputRelay(format, 2, 4242, source, clock);
	}

}
