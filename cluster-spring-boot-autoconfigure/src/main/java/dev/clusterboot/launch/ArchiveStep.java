package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one step of preparing a {@link ClassDataArchive} (extracting the jar, the training
 * run, or the check that the archive maps) as a child JVM, with its output in a log file
 * and a time limit.
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
	 * @param environment changes the step's environment
	 * @return the step's exit code
	 * @throws IOException if the step cannot start, does not finish in time, or the
	 * waiting is interrupted
	 */
	static int run(List<String> command, Path log, Duration timeout, Consumer<Map<String, String>> environment)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		environment.accept(builder.environment());
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

}
