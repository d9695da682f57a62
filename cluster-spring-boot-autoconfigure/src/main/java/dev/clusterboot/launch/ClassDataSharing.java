package dev.clusterboot.launch;

/**
 * Whether workers start from a class-data archive that the master prepares: AppCDS, or
 * on JDK 25 and later with a warm-up configured the AOT cache ({@code -XX:AOTCache})
 * trained on the warm-up's requests. The archive
 * holds the application's classes loaded and linked, memory-mapped read-only and shared
 * by every worker that uses it, so workers start faster and N workers hold one copy of
 * that class metadata.
 *
 * @author cluster-spring-boot-starter
 */
public enum ClassDataSharing {

	/**
	 * Use an archive where it works: for an executable jar launched with
	 * {@code java -jar}. The first workers start without it while the master prepares
	 * it; workers started later (restarts, rolling restarts, scaling) use it. A stale or
	 * broken archive is rebuilt; if preparing fails, workers start without one.
	 */
	AUTO,

	/**
	 * Never use an archive.
	 */
	OFF

}
