package dev.clusterboot.launch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.launch.WorkerOutputRelay.Source;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerLogFormat}, against the events Boot's own structured formatters
 * write in a worker started with the format's options.
 */
class WorkerLogFormatTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ZonedDateTime TIME = ZonedDateTime.ofInstant(Instant.parse("2026-01-02T03:04:05.678Z"),
			ZoneOffset.UTC);

	@Test
	void takesBootsStructuredFormatNamesInAnyCase() {
		assertThat(WorkerLogFormat.of("ecs")).isEqualTo(WorkerLogFormat.ECS);
		assertThat(WorkerLogFormat.of("Logstash")).isEqualTo(WorkerLogFormat.LOGSTASH);
		assertThat(WorkerLogFormat.of("GELF")).isEqualTo(WorkerLogFormat.GELF);
	}

	@Test
	void noFormatOrACustomFormatterIsPlainText() {
		assertThat(WorkerLogFormat.of(null)).isEqualTo(WorkerLogFormat.PLAIN);
		assertThat(WorkerLogFormat.of("")).isEqualTo(WorkerLogFormat.PLAIN);
		assertThat(WorkerLogFormat.of("plain")).isEqualTo(WorkerLogFormat.PLAIN);
		assertThat(WorkerLogFormat.of("com.example.MyStructuredLogFormatter")).isEqualTo(WorkerLogFormat.PLAIN);
		assertThat(WorkerLogFormat.PLAIN.workerJvmOptions(1)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "ECS", "LOGSTASH", "GELF" })
	void aWorkerStartedWithTheFormatsOptionsLogsItsSlotInEveryEvent(WorkerLogFormat format) {
		JsonNode event = bootEvent(format, 2);
		assertThat(slot(format, event)).isEqualTo("2");
	}

	@ParameterizedTest
	@EnumSource(names = { "ECS", "LOGSTASH", "GELF" })
	void aWrappedLineLooksLikeTheWorkersOwnEventsOfTheFormat(WorkerLogFormat format) {
		JsonNode own = bootEvent(format, 2);
		JsonNode wrapped = json.readTree(format.event("\tat java.base/java.lang.Thread.run(Thread.java:840)",
				Source.STDERR, 2, 4242, TIME));
		assertThat(slot(format, wrapped)).isEqualTo("2");
		assertThat(wrapped.propertyNames()).allSatisfy((name) -> {
			assertThat(own.has(name)).as("Boot's %s events have '%s'", format, name).isTrue();
			assertThat(wrapped.get(name).getNodeType()).as(name).isEqualTo(own.get(name).getNodeType());
		});
		assertThat(message(format, wrapped)).isEqualTo("\tat java.base/java.lang.Thread.run(Thread.java:840)");
	}

	@Test
	void wrappedEcsEventsTellTheStreamAsLoggerAndLevel() {
		JsonNode event = json.readTree(WorkerLogFormat.ECS.event("warning", Source.STDERR, 1, 4242, TIME));
		assertThat(event.get("@timestamp").asString()).isEqualTo("2026-01-02T03:04:05.678Z");
		assertThat(event.at("/log/level").asString()).isEqualTo("WARN");
		assertThat(event.at("/log/logger").asString()).isEqualTo("stderr");
		assertThat(event.at("/process/pid").asLong()).isEqualTo(4242);
		assertThat(event.at("/ecs/version").asString()).isEqualTo("8.11");
	}

	@Test
	void wrappedLogstashEventsTellTheLevelAsLogbackNumbersIt() {
		JsonNode event = json.readTree(WorkerLogFormat.LOGSTASH.event("dump", Source.STDOUT, 1, 4242, TIME));
		assertThat(event.get("@timestamp").asString()).isEqualTo("2026-01-02T03:04:05.678Z");
		assertThat(event.get("level").asString()).isEqualTo("INFO");
		assertThat(event.get("level_value").asInt()).isEqualTo(20000);
		assertThat(event.get("logger_name").asString()).isEqualTo("stdout");
	}

	@Test
	void wrappedGelfEventsCarrySecondsAndASyslogSeverity() {
		String event = WorkerLogFormat.GELF.event("warning", Source.STDERR, 1, 4242, TIME);
		assertThat(event).contains("\"timestamp\":1767323045.678");
		JsonNode parsed = json.readTree(event);
		assertThat(parsed.get("version").asString()).isEqualTo("1.1");
		assertThat(parsed.get("level").asInt()).isEqualTo(4);
		assertThat(parsed.get("_level_name").asString()).isEqualTo("WARN");
		assertThat(parsed.get("_process_pid").asLong()).isEqualTo(4242);
	}

	private static String slot(WorkerLogFormat format, JsonNode event) {
		return switch (format) {
			case ECS -> event.at("/cluster/worker").asString();
			case LOGSTASH -> event.get("cluster_worker").asString();
			case GELF -> event.get("_cluster_worker").asString();
			case PLAIN -> throw new IllegalArgumentException();
		};
	}

	private static String message(WorkerLogFormat format, JsonNode event) {
		return event.get((format == WorkerLogFormat.GELF) ? "short_message" : "message").asString();
	}

	/**
	 * An event as Boot's formatter for the format writes it in a worker whose system
	 * properties include the format's worker options.
	 */
	private static JsonNode bootEvent(WorkerLogFormat format, int slot) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.application.pid", "4242");
		for (String option : format.workerJvmOptions(slot)) {
			assertThat(option).startsWith("-D");
			String[] property = option.substring(2).split("=", 2);
			properties.put(property[0], property[1]);
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("worker options", properties));
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format.name().toLowerCase());
		encoder.start();
		LoggingEvent event = new LoggingEvent(WorkerLogFormatTests.class.getName(), context.getLogger("example"),
				Level.INFO, "Started", null, null);
		return json.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));
	}

}
