package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.channel.WorkerEnvironment;
import dev.clusterboot.warmup.TrainingRunWarmUp;

/**
 * Runs one step of preparing a {@link ClassDataArchive} (extracting the jar, the training
 * run, or the check that the archive maps) as a child JVM, in the environment a training
 * run needs, with its output in a log file and a time limit.
 *
 * @author cluster-spring-boot-starter
 */
final class ArchiveStep {

	private ArchiveStep() {
	}

	/**
	 * Run a step and wait for it.
	 * @param command the step's command line
	 * @param log the file that receives the step's output and errors
	 * @param timeout how long the step may take before it is killed
	 * @param training the value of {@value ClusterRole#TRAINING_RUN_VARIABLE} in the step's
	 * environment
	 * @return the step's exit code
	 * @throws IOException if the step cannot start, does not finish in time, or the
	 * waiting is interrupted
	 */
	static int run(List<String> command, Path log, Duration timeout, String training) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		childEnvironment(builder.environment(), ProcessHandle.current().pid(), training);
		Process process = builder.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(command.get(command.size() - 1) + " did not finish within " + timeout);
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	/**
	 * Make the environment of a step's JVM: none of the master's {@code CLUSTER_}
	 * variables, so that the training run runs the application alone whatever the
	 * configuration says, and the master's pid, so that it exits when the master is gone.
	 * @param environment the environment to change
	 * @param masterPid this master's process id
	 * @param training the value of {@value ClusterRole#TRAINING_RUN_VARIABLE}:
	 * {@code true}, or {@value TrainingRunWarmUp#VALUE} for a run on the warm-up routes
	 */
	static void childEnvironment(Map<String, String> environment, long masterPid, String training) {
		environment.keySet().removeIf((name) -> name.startsWith("CLUSTER_"));
		environment.put(ClusterRole.TRAINING_RUN_VARIABLE, training);
		environment.put(WorkerEnvironment.MASTER_PID_VARIABLE, Long.toString(masterPid));
	}

}
