package dev.clusterboot.api.status;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The health a worker reports of itself: its application's aggregate health status.
 *
 * @author cluster-spring-boot-starter
 */
public enum WorkerHealth {

	/**
	 * Every health indicator of the worker is up.
	 */
	UP,

	/**
	 * Some indicator of the worker is down.
	 */
	DOWN,

	/**
	 * The worker is out of service.
	 */
	OUT_OF_SERVICE,

	/**
	 * Not known: no heartbeat yet, no health support in the worker, or a custom status
	 * code that is none of the above.
	 */
	UNKNOWN;

	/**
	 * Return the health for a status code of Boot's {@code Status}.
	 * @param code the code, for example {@code UP}, or {@code null}
	 * @return the matching health, {@link #UNKNOWN} for any other code
	 */
	public static WorkerHealth of(@Nullable String code) {
		if (code != null) {
			for (WorkerHealth health : values()) {
				if (health.name().equals(code.trim().toUpperCase(Locale.ROOT))) {
					return health;
				}
			}
		}
		return UNKNOWN;
	}

}
