package dev.clusterboot.portgroup;

import org.springframework.boot.ExitCodeGenerator;

import dev.clusterboot.api.status.WorkerExit;

/**
 * Thrown in a worker whose web server cannot join the port's {@code SO_REUSEPORT} group,
 * before that server binds: without the group it would clash with the other workers on
 * the port. The worker exits with {@link WorkerExit#CONFIGURATION_ERROR}, which tells the
 * master that restarting it cannot help.
 *
 * @author cluster-spring-boot-starter
 */
public class UnsupportedWebServerException extends IllegalStateException implements ExitCodeGenerator {

	/**
	 * Create an exception for a web server factory that no cluster support applies to.
	 * @param factoryType the class of the application's web server factory
	 */
	public UnsupportedWebServerException(Class<?> factoryType) {
		super("This cluster worker's web server (" + factoryType.getName() + ") cannot share server.port with the "
				+ "other workers: cluster mode supports Tomcat, Jetty and Reactor Netty, with the factories Spring "
				+ "Boot auto-configures for them (or subclasses of those). Use one of them, or remove "
				+ "'cluster.workers' to run a single process.");
	}

	@Override
	public int getExitCode() {
		return WorkerExit.CONFIGURATION_ERROR;
	}

}
