package dev.clusterboot.api.status;

/**
 * A kind of state that each worker keeps on its own, so that with more than one worker a
 * request sees whatever the worker that answers it happens to hold. Each kind has its fix
 * and a property that silences its warning.
 *
 * @author cluster-spring-boot-starter
 */
public enum StateWarningKind {

	/**
	 * An embedded in-memory database: each worker has a database of its own.
	 */
	IN_MEMORY_DATABASE("in-memory-database",
			"Use a shared database; for development, H2's automatic mixed mode on a file "
					+ "(jdbc:h2:file:./data/app;AUTO_SERVER=TRUE) lets several processes share one database"),

	/**
	 * Servlet HTTP sessions kept in each worker's memory: a request that another worker
	 * answers does not see its session.
	 */
	SESSIONS("sessions", "Keep the sessions in a shared store with Spring Session on JDBC or Redis "
			+ "(spring-session-jdbc or spring-session-data-redis)"),

	/**
	 * A cache manager whose caches live in each worker's memory: each worker caches, and
	 * evicts, on its own.
	 */
	LOCAL_CACHES("local-caches", "Use a shared cache such as Redis, or set cluster.caches.coherent=true (the "
			+ "default) so that a put, an eviction or a clear on one worker evicts the entry on every other"),

	/**
	 * {@code @Scheduled} methods: each runs once in every worker.
	 */
	SCHEDULED_METHODS("scheduled-methods", "Run them on the cluster's leader only (cluster.scheduling.leader-only="
			+ "all, or mark each with @LeaderOnly and set it to marked), guard each with a lock so that one worker "
			+ "does the work (ShedLock, for example), or move it out of the clustered application");

	/**
	 * The prefix of the properties that silence the warnings.
	 */
	public static final String PROPERTY_PREFIX = "cluster.state-warnings";

	private final String property;

	private final String fix;

	StateWarningKind(String name, String fix) {
		this.property = PROPERTY_PREFIX + "." + name;
		this.fix = fix;
	}

	/**
	 * Return the property that silences this kind's warning when set to {@code false}.
	 * @return the property's name, such as {@code cluster.state-warnings.sessions}
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Return what to do about this kind of state.
	 * @return the fix, in words
	 */
	public String fix() {
		return this.fix;
	}

}
