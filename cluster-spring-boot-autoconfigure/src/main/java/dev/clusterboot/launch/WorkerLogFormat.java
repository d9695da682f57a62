package dev.clusterboot.launch;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.LoggingSystemProperty;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import dev.clusterboot.launch.WorkerOutputRelay.Source;

/**
 * The console format of the cluster's logs, as Boot's structured logging names it in
 * {@code logging.structured.format.console}, and how a worker's slot gets into each of
 * its log events in that format.
 * <p>
 * In a structured format a worker tells its slot itself: it starts with a
 * {@code logging.structured.json.add} entry, which Boot writes into every event, in the
 * place and under the name each format keeps added fields: nested in ECS
 * ({@code "cluster":{"worker":"1"}}), top-level in Logstash ({@code "cluster_worker"}),
 * and with the underscore that GELF requires of additional fields
 * ({@code "_cluster_worker"}). The slot is a string, as Boot writes every added field,
 * so that the events the master wraps (see {@link #event}) carry it with the same type
 * and a log store never sees the field change type.
 * <p>
 * A custom formatter ({@code logging.structured.format.console} naming a class) counts as
 * {@link #PLAIN}: its output need not be JSON, nor keep added fields, so the master
 * keeps the {@code [worker N]} prefix that at least tells the slot.
 *
 * @author cluster-spring-boot-starter
 */
enum WorkerLogFormat {

	/**
	 * Plain text: every line keeps a {@code [worker N]} prefix.
	 */
	PLAIN(null) {

		@Override
		void describe(ObjectNode event, String text, Source source, String slot, long pid, ZonedDateTime time) {
			throw new IllegalStateException("Plain-text output has no events");
		}

	},

	/**
	 * Elastic Common Schema ({@code ecs}).
	 */
	ECS("cluster.worker") {

		@Override
		void describe(ObjectNode event, String text, Source source, String slot, long pid, ZonedDateTime time) {
			event.put("@timestamp", time.toInstant().toString());
			event.putObject("log").put("level", source.level()).put("logger", source.loggerName());
			event.putObject("process").put("pid", pid);
			event.put("message", text);
			event.putObject("cluster").put("worker", slot);
			event.putObject("ecs").put("version", "8.11");
		}

	},

	/**
	 * Logstash's JSON event ({@code logstash}).
	 */
	LOGSTASH("cluster_worker") {

		@Override
		void describe(ObjectNode event, String text, Source source, String slot, long pid, ZonedDateTime time) {
			event.put("@timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
			event.put("@version", "1");
			event.put("message", text);
			event.put("logger_name", source.loggerName());
			event.put("level", source.level());
			event.put("level_value", (source == Source.STDERR) ? 30000 : 20000);
			event.put("cluster_worker", slot);
		}

	},

	/**
	 * Graylog Extended Log Format 1.1 ({@code gelf}).
	 */
	GELF("_cluster_worker") {

		@Override
		void describe(ObjectNode event, String text, Source source, String slot, long pid, ZonedDateTime time) {
			event.put("version", "1.1");
			event.put("short_message", text);
			BigDecimal seconds = BigDecimal.valueOf(time.toInstant().toEpochMilli()).movePointLeft(3);
			event.putRawValue("timestamp", new RawValue(seconds.toPlainString()));
			event.put("level", (source == Source.STDERR) ? 4 : 6);
			event.put("_level_name", source.level());
			event.put("_process_pid", pid);
			event.put("_log_logger", source.loggerName());
			event.put("_cluster_worker", slot);
		}

	};

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The name of the added field, as Boot takes it: ECS nests dotted names.
	 */
	private final @Nullable String slotField;

	WorkerLogFormat(@Nullable String slotField) {
		this.slotField = slotField;
	}

	/**
	 * The format Boot configured this JVM's console logging with, which it publishes as a
	 * system property when it sets up logging. In the master that is the cluster's
	 * format: workers start with the master's arguments and environment, so they read the
	 * same {@code logging.structured.format.console}.
	 * @return the format
	 */
	static WorkerLogFormat ofThisProcess() {
		return of(System.getProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName()));
	}

	/**
	 * The format for a value of {@code logging.structured.format.console}.
	 * @param consoleFormat the value, or {@code null} when the property is not set
	 * @return the format; {@link #PLAIN} for none or for a custom formatter's class
	 */
	static WorkerLogFormat of(@Nullable String consoleFormat) {
		for (WorkerLogFormat format : values()) {
			if (format != PLAIN && format.name().equalsIgnoreCase(consoleFormat)) {
				return format;
			}
		}
		return PLAIN;
	}

	boolean isStructured() {
		return this.slotField != null;
	}

	/**
	 * Options that make a worker write its slot into each event it logs.
	 * @param slot the worker's slot
	 * @return a system property for Boot's structured logging, none for plain text
	 */
	List<String> workerJvmOptions(int slot) {
		// in brackets, the notation for a map key that Boot binds exactly as written
		return (this.slotField != null)
				? List.of("-Dlogging.structured.json.add[" + this.slotField + "]=" + slot) : List.of();
	}

	/**
	 * Wrap a line that a worker printed outside its logging as a minimal event of this
	 * format: the fields every event of the format has, the text as its message, and the
	 * slot where the worker's own events have it.
	 * @param text the line
	 * @param source the stream it came from, which sets its level and logger name
	 * @param slot the worker's slot
	 * @param pid the worker's pid
	 * @param time when the master read it
	 * @return the event as one line of JSON
	 */
	String event(String text, Source source, int slot, long pid, ZonedDateTime time) {
		ObjectNode event = json.createObjectNode();
		describe(event, text, source, Integer.toString(slot), pid, time);
		return json.writeValueAsString(event);
	}

	/**
	 * Add the fields that every event of this format has, the text and the slot.
	 */
	abstract void describe(ObjectNode event, String text, Source source, String slot, long pid, ZonedDateTime time);

}
