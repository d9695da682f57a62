package dev.clusterboot.api.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * Connection steering on the shared port: how the master spreads new connections over
 * the workers, whether it does so now, and each worker's share.
 *
 * @param mode the steering mode ({@code OFF}, {@code HEALTH}, {@code LOAD},
 * {@code STICKY})
 * @param state whether the master steers now
 * @param unavailable why steering is {@link SteeringState#UNAVAILABLE}, or {@code null}
 * @param workers the workers in the port's group, in the order of their sockets
 * @param exclusions how many times, since the master started, steering turned new
 * connections away from a worker, by reason ({@code UNRESPONSIVE}, {@code DRAINING},
 * {@code NOT_READY}, {@code STALLED}); the kernel does not say where each connection
 * went, so these count decisions, not connections
 * @param programs how many steering programs workers attached since the master started
 * @author cluster-spring-boot-starter
 */
public record SteeringStatus(String mode, SteeringState state, @Nullable String unavailable,
		List<SteeredWorker> workers, Map<String, Long> exclusions, long programs) {

	/**
	 * The status of a master that does not steer.
	 */
	public static final SteeringStatus OFF = new SteeringStatus("OFF", SteeringState.OFF, null, List.of(), Map.of(),
			0);

	/**
	 * Create a status; without workers or counts it has none.
	 * @param mode the steering mode
	 * @param state whether the master steers now
	 * @param unavailable why steering is unavailable
	 * @param workers the workers in the port's group
	 * @param exclusions how many times steering turned connections away, by reason
	 * @param programs how many programs were attached
	 */
	@JsonCreator
	public SteeringStatus {
		workers = (workers != null) ? List.copyOf(workers) : List.of();
		exclusions = (exclusions != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(exclusions)) : Map.of();
	}

	/**
	 * Create a status without counts.
	 * @param mode the steering mode
	 * @param state whether the master steers now
	 * @param unavailable why steering is unavailable
	 * @param workers the workers in the port's group
	 */
	public SteeringStatus(String mode, SteeringState state, @Nullable String unavailable,
			List<SteeredWorker> workers) {
		this(mode, state, unavailable, workers, Map.of(), 0);
	}

	/**
	 * Return this status with the given counts.
	 * @param exclusions how many times steering turned connections away, by reason
	 * @param programs how many programs were attached
	 * @return the status with these counts
	 */
	public SteeringStatus counted(Map<String, Long> exclusions, long programs) {
		return new SteeringStatus(this.mode, this.state, this.unavailable, this.workers, exclusions, programs);
	}

}
