package dev.clusterboot.steering;

import java.time.Duration;

/**
 * The thresholds of steering's decisions.
 *
 * @param unresponsiveAfter how long a worker may send no report before it gets no new
 * connections, until a report comes again
 * @param stalledAfter how long a worker may have requests in flight and complete none
 * before it gets no new connections
 * @param replaceAbove how large a share of new connections must change worker before the
 * program is replaced for a change of weights alone, 0 to 1
 * @author cluster-spring-boot-starter
 */
public record SteeringSettings(Duration unresponsiveAfter, Duration stalledAfter, double replaceAbove) {

	/**
	 * The defaults: unresponsive after 500ms, stalled after 1s, and a new program when
	 * weights move at least 10% of new connections.
	 */
	public static final SteeringSettings DEFAULTS = new SteeringSettings(Duration.ofMillis(500), Duration.ofSeconds(1),
			0.1);

	/**
	 * Create settings.
	 * @param unresponsiveAfter positive
	 * @param stalledAfter positive
	 * @param replaceAbove 0 to 1
	 */
	public SteeringSettings {
		if (unresponsiveAfter.isNegative() || unresponsiveAfter.isZero()) {
			throw new IllegalArgumentException("unresponsiveAfter must be positive, not " + unresponsiveAfter);
		}
		if (stalledAfter.isNegative() || stalledAfter.isZero()) {
			throw new IllegalArgumentException("stalledAfter must be positive, not " + stalledAfter);
		}
		if (!(replaceAbove >= 0 && replaceAbove <= 1)) {
			throw new IllegalArgumentException("replaceAbove must be 0 to 1, not " + replaceAbove);
		}
	}

}
