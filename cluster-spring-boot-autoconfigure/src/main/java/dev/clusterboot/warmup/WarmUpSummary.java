package dev.clusterboot.warmup;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a warm-up did: how many routes it sent requests to, how many requests it
 * finished, how many of them failed and how, how long it took and what ended it.
 *
 * @param routes the number of routes warmed
 * @param requests requests that finished, with a response or with an error
 * @param failures requests that failed: no connection, no response in time, or a 5xx
 * status
 * @param failuresByCause failed requests counted by route and cause, for example
 * {@code GET /report: HTTP 500}
 * @param elapsed how long the warm-up took
 * @param end what ended it
 * @author cluster-spring-boot-starter
 */
public record WarmUpSummary(int routes, long requests, long failures, Map<String, Long> failuresByCause,
		Duration elapsed, End end) {

	/**
	 * Create a summary.
	 * @param routes the number of routes warmed
	 * @param requests requests that finished, with a response or with an error
	 * @param failures requests that failed
	 * @param failuresByCause failed requests counted by route and cause
	 * @param elapsed how long the warm-up took
	 * @param end what ended it
	 */
	public WarmUpSummary {
		failuresByCause = Map.copyOf(failuresByCause);
	}

	/**
	 * Return the summary as one log line, for example
	 * {@code 2 routes, 5230 requests, 12 failed (GET /report: HTTP 500 x12), 2003ms, ended by its duration}.
	 * @return the summary in words
	 */
	@Override
	public String toString() {
		String causes = this.failuresByCause.isEmpty() ? ""
				: new TreeMap<>(this.failuresByCause).entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " x" + entry.getValue())
					.collect(Collectors.joining(", ", " (", ")"));
		return this.routes + ((this.routes == 1) ? " route, " : " routes, ") + this.requests + " requests, "
				+ this.failures + " failed" + causes + ", " + this.elapsed.toMillis() + "ms, ended by "
				+ this.end.description;
	}

	/**
	 * What ends a warm-up.
	 */
	public enum End {

		/**
		 * The configured duration passed.
		 */
		DURATION("its duration"),

		/**
		 * The configured number of requests was started.
		 */
		REQUESTS("its request count"),

		/**
		 * The hard time limit passed; requests still in flight were abandoned.
		 */
		TIME_LIMIT("its time limit"),

		/**
		 * Its caller ended it, for example because the worker joined the port meanwhile.
		 */
		STOPPED("a join"),

		/**
		 * The worker was stopped or interrupted while it warmed up.
		 */
		INTERRUPTED("an interrupt");

		private final String description;

		End(String description) {
			this.description = description;
		}

	}

}
