package dev.clusterboot.portgroup;

import org.springframework.core.env.Environment;

import dev.clusterboot.channel.WorkerEnvironment;

/**
 * Whether a worker's web server starts staged: listening only on a private loopback
 * port, and joining the shared port's group when told ({@link PortGroupMember#join()}).
 * A standby starts staged, and so may a worker that warms up before it serves.
 *
 * @param requested whether the server starts staged
 * @author cluster-spring-boot-starter
 */
public record StagedStart(boolean requested) {

	/**
	 * An ordinary start, which joins the shared port as the server starts.
	 */
	public static final StagedStart OFF = new StagedStart(false);

	/**
	 * Decide from the environment: a start is staged when the master launched this worker
	 * as a standby ({@value WorkerEnvironment#STANDBY_VARIABLE}{@code =true}).
	 * @param environment the application's environment, which includes the process's
	 * environment variables
	 * @return the decision
	 */
	public static StagedStart from(Environment environment) {
		return new StagedStart(isStandby(environment));
	}

	/**
	 * Return whether the master launched this worker as a standby.
	 * @param environment the application's environment
	 * @return {@code true} for a standby launch
	 */
	public static boolean isStandby(Environment environment) {
		return environment.getProperty(WorkerEnvironment.STANDBY_VARIABLE, Boolean.class, false);
	}

}
