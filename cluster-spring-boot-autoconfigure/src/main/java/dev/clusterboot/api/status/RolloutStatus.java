package dev.clusterboot.api.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A rolling restart: every worker replaced one at a time, each only after its
 * replacement is ready.
 *
 * @param state where it stands
 * @param startedAt when it started
 * @param finishedAt when it completed or failed, or {@code null} while it runs
 * @param total how many workers it replaces
 * @param replaced how many it has replaced so far
 * @param currentWorker the slot being replaced now, or {@code null}
 * @param failure why it stopped, or {@code null}
 * @author cluster-spring-boot-starter
 */
public record RolloutStatus(State state, Instant startedAt, @Nullable Instant finishedAt, int total, int replaced,
		@Nullable Integer currentWorker, @Nullable String failure) {

	/**
	 * Where a rolling restart stands.
	 */
	public enum State {

		/**
		 * Replacing workers.
		 */
		RUNNING,

		/**
		 * Every worker was replaced.
		 */
		COMPLETED,

		/**
		 * A replacement did not become ready, or a slot had failed and could not be
		 * replaced; the workers not yet replaced kept serving.
		 */
		FAILED,

		/**
		 * The cluster was asked to stop before every worker was replaced.
		 */
		STOPPED

	}

}
