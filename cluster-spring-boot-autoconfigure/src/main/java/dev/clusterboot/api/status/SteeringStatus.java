package dev.clusterboot.api.status;

import java.util.List;

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
 * @author cluster-spring-boot-starter
 */
public record SteeringStatus(String mode, SteeringState state, @Nullable String unavailable,
		List<SteeredWorker> workers) {

	/**
	 * The status of a master that does not steer.
	 */
	public static final SteeringStatus OFF = new SteeringStatus("OFF", SteeringState.OFF, null, List.of());

	/**
	 * Create a status; without workers it has none.
	 * @param mode the steering mode
	 * @param state whether the master steers now
	 * @param unavailable why steering is unavailable
	 * @param workers the workers in the port's group
	 */
	@JsonCreator
	public SteeringStatus {
		workers = (workers != null) ? List.copyOf(workers) : List.of();
	}

}
