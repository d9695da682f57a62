package dev.clusterboot.statewarnings;

import dev.clusterboot.api.status.StateWarningKind;

/**
 * Which warnings about state that each worker keeps on its own a cluster of more than one
 * worker gives at startup. Each is on by default; set one to {@code false} to silence it.
 * The {@code cluster.state-warnings} group of the cluster's properties.
 *
 * @author cluster-spring-boot-starter
 */
public class StateWarningsProperties {

	/**
	 * Whether to warn about an embedded in-memory database, of which each worker has its own.
	 */
	private boolean inMemoryDatabase = true;

	/**
	 * Whether to warn about HTTP sessions kept in each worker's memory (a servlet application without Spring Session).
	 */
	private boolean sessions = true;

	/**
	 * Whether to warn about cache managers that keep their caches in each worker's memory
	 * and are not kept coherent, or that the starter cannot keep coherent.
	 */
	private boolean localCaches = true;

	/**
	 * Whether to warn about @Scheduled methods, each of which runs once per worker.
	 */
	private boolean scheduledMethods = true;

	public boolean isInMemoryDatabase() {
		return this.inMemoryDatabase;
	}

	public void setInMemoryDatabase(boolean inMemoryDatabase) {
		this.inMemoryDatabase = inMemoryDatabase;
	}

	public boolean isSessions() {
		return this.sessions;
	}

	public void setSessions(boolean sessions) {
		this.sessions = sessions;
	}

	public boolean isLocalCaches() {
		return this.localCaches;
	}

	public void setLocalCaches(boolean localCaches) {
		this.localCaches = localCaches;
	}

	public boolean isScheduledMethods() {
		return this.scheduledMethods;
	}

	public void setScheduledMethods(boolean scheduledMethods) {
		this.scheduledMethods = scheduledMethods;
	}

	/**
	 * Whether the warning about a kind of state is on.
	 * @param kind the kind
	 * @return {@code false} when its property silences it
	 */
	public boolean isEnabled(StateWarningKind kind) {
		return switch (kind) {
			case IN_MEMORY_DATABASE -> this.inMemoryDatabase;
			case SESSIONS -> this.sessions;
			case LOCAL_CACHES -> this.localCaches;
			case SCHEDULED_METHODS -> this.scheduledMethods;
		};
	}

}
