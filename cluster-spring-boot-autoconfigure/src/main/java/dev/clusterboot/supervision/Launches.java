package dev.clusterboot.supervision;

import java.io.IOException;
import java.time.Instant;
import java.util.Random;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Starts worker processes through a {@link WorkerLauncher} and numbers them in launch
 * order, so that a rolling restart can tell a process started after it began from one
 * started before. Each run gets its request limit for recycling, with the configured
 * jitter, so that workers started together are not all recycled at once.
 *
 * @author cluster-spring-boot-starter
 */
final class Launches {

	private static final Log logger = LogFactory.getLog(Launches.class);

	private final WorkerLauncher launcher;

	private final MasterSettings.Recycling recycling;

	private final Random random = new Random();

	private long count;

	Launches(WorkerLauncher launcher, MasterSettings.Recycling recycling) {
		this.launcher = launcher;
		this.recycling = recycling;
	}

	/**
	 * Start a process for a slot.
	 * @param slot the slot id
	 * @param what what the process is, for the log: {@code worker 2}
	 * @param now the current time
	 * @return the run, or {@code null} when the process could not be started
	 */
	@Nullable WorkerRun launch(int slot, String what, Instant now) {
		try {
			WorkerProcess process = this.launcher.launch(slot);
			logger.info("Started " + what + " (pid " + process.pid() + ")");
			return new WorkerRun(process, now, requestLimit(), ++this.count);
		}
		catch (IOException ex) {
			logger.error("Could not start " + what, ex);
			return null;
		}
	}

	/**
	 * Start a standby process, which belongs to no slot until it is promoted.
	 * @param now the current time
	 * @return the run, or {@code null} when the process could not be started
	 */
	@Nullable WorkerRun launchStandby(Instant now) {
		try {
			WorkerProcess process = this.launcher.launchStandby();
			logger.info("Started a standby worker (pid " + process.pid() + ")");
			return new WorkerRun(process, now, requestLimit(), ++this.count);
		}
		catch (IOException ex) {
			logger.error("Could not start a standby worker", ex);
			return null;
		}
	}

	/**
	 * Return how many processes have been launched so far.
	 * @return the count, which is also the number of the last launch
	 */
	long count() {
		return this.count;
	}

	private long requestLimit() {
		long max = this.recycling.maxRequests();
		long jitter = this.recycling.maxRequestsJitter();
		return (max > 0 && jitter > 0) ? max + (long) (this.random.nextDouble() * (jitter + 1)) : max;
	}

}
