package dev.clusterboot.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZonedDateTime;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies one output stream of a worker to the master's, line by line, on a daemon thread,
 * so that every line still says which worker it came from and a log shipper can still
 * parse it.
 * <p>
 * In plain text each line gets a {@code [worker N]} prefix. In a structured format
 * ({@link WorkerLogFormat}) the worker's own log events already carry its slot and pass
 * unchanged, one JSON object per line as the master's own events are. Any other line is
 * something the worker printed outside its logging: a JVM warning, a thread dump after
 * SIGQUIT, a stack trace the JVM printed for an uncaught exception, unified JVM logging.
 * A prefixed line, or the bare text, would break a shipper that parses every line of the
 * container's output as JSON (Fluent Bit, Vector, Loki's {@code json} stage): it would
 * drop the line or keep it without a slot. So each such line becomes a minimal event of
 * the same format, with the text as its message and the slot where the worker's own
 * events have it, at level INFO from stdout and WARN from stderr. Each line is its own
 * event, in the order it came: joining a thread dump or a stack trace into one event would
 * mean holding lines back until the next one shows that it is complete, and the relay
 * never delays output. Blank lines (a thread dump has many) carry nothing and are left
 * out.
 * <p>
 * Each line is written to the master's stream in one write, so that lines from the
 * worker's stdout and stderr never split each other when both streams go to one file.
 *
 * @author cluster-spring-boot-starter
 */
final class WorkerOutputRelay {

	private static final Log logger = LogFactory.getLog(WorkerOutputRelay.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WorkerLogFormat format;

	private volatile int slot;

	private final long pid;

	private final Source source;

	private final Clock clock;

	/**
	 * Create a relay for one stream of one worker.
	 * @param format the format the cluster logs in
	 * @param slot the worker's slot
	 * @param pid the worker's pid
	 * @param source which of the worker's streams this is
	 * @param clock the clock that dates wrapped lines
	 */
	WorkerOutputRelay(WorkerLogFormat format, int slot, long pid, Source source, Clock clock) {
		this.format = format;
		this.slot = slot;
		this.pid = pid;
		this.source = source;
		this.clock = clock;
	}

	/**
	 * Label the worker's lines with the slot it serves from now on: a promoted standby's.
	 * @param slot the slot
	 */
	void serves(int slot) {
		this.slot = slot;
	}

	/**
	 * Relay the stream on a daemon thread until it ends.
	 * @param from the worker's stream
	 * @param to the master's stream
	 */
	void start(InputStream from, PrintStream to) {
		String threadName = "cluster-worker-" + this.slot + "-" + this.source.threadSuffix;
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(from))) {
				String line;
				while ((line = reader.readLine()) != null) {
					String relayed = relayed(line);
					if (relayed != null) {
						to.print(relayed + System.lineSeparator());
					}
				}
			}
			catch (IOException ex) {
				logger.trace("Output relay " + threadName + " ended", ex);
			}
		}, threadName);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * What the master writes for one line of the worker's output.
	 * @param line the line, without its line break
	 * @return the line to write, or {@code null} to leave it out
	 */
	@Nullable String relayed(String line) {
		if (!this.format.isStructured()) {
			int current = this.slot;
			return ((current != 0) ? "[worker " + current + "] " : "[standby] ") + line;
		}
		if (line.isBlank()) {
			return null;
		}
		if (isJsonObject(line)) {
			return line;
		}
		return this.format.event(line, this.source, this.slot, this.pid, ZonedDateTime.now(this.clock));
	}

	private static boolean isJsonObject(String line) {
		if (!line.startsWith("{")) {
			return false;
		}
		try (JsonParser parser = json.createParser(line)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * The worker's two output streams.
	 */
	enum Source {

		/**
		 * Standard output, where the JVM prints thread dumps.
		 */
		STDOUT("stdout", "INFO", "out"),

		/**
		 * Standard error, where the JVM prints warnings and uncaught exceptions.
		 */
		STDERR("stderr", "WARN", "err");

		private final String loggerName;

		private final String level;

		private final String threadSuffix;

		Source(String loggerName, String level, String threadSuffix) {
			this.loggerName = loggerName;
			this.level = level;
			this.threadSuffix = threadSuffix;
		}

		/**
		 * The logger name of the events wrapped from this stream.
		 */
		String loggerName() {
			return this.loggerName;
		}

		/**
		 * The level of the events wrapped from this stream.
		 */
		String level() {
			return this.level;
		}

	}

}
