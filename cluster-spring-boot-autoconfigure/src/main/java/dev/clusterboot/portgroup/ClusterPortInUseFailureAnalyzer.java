package dev.clusterboot.portgroup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ClusterPortInUseException} at startup.
 *
 * @author cluster-spring-boot-starter
 */
class ClusterPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<ClusterPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClusterPortInUseException cause) {
		int port = cause.getPort();
		String property = cause.getProperty();
		return new FailureAnalysis(
				"The cluster master could not start: port " + port + " ('" + property + "') is already in use by "
						+ "another process, possibly another copy of this cluster. No worker was started.",
				"Stop the process that listens on port " + port + " (for example, find it with 'ss -ltnp "
						+ "sport = :" + port + "'), or set '" + property + "' to another port.",
				cause);
	}

}
