package dev.clusterboot.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decides which of the workers that failed to start on the same error prints Boot's
 * failure report, so that a cluster of N workers shows it once rather than N times. The
 * first worker to claim a failure creates a file named after it, holding its id, in the
 * master's private control-socket directory, which the master deletes when it stops;
 * the file's atomic creation settles a race. Failures count as the same when their
 * chains of exception types and messages are.
 *
 * @author cluster-spring-boot-starter
 */
final class FirstFailureReport {

	private static final String PREFIX = "failed-start-";

	private FirstFailureReport() {
	}

	/**
	 * Claim the report of a failure for a worker.
	 * @param directory the master's control-socket directory
	 * @param failure the exception that ended the worker's start
	 * @param worker the worker's id
	 * @return {@code null} when this worker is the first with this failure (or when the
	 * claim cannot be made) and should report it, else the id of the worker that did
	 */
	static @Nullable Integer reporterOf(Path directory, Throwable failure, int worker) {
		Path claim = directory.resolve(PREFIX + fingerprint(failure));
		try {
			Files.writeString(Files.createFile(claim), Integer.toString(worker));
			return null;
		}
		catch (FileAlreadyExistsException ex) {
			return reporterIn(claim);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static @Nullable Integer reporterIn(Path claim) {
		try {
			return Integer.valueOf(Files.readString(claim).trim());
		}
		catch (IOException | NumberFormatException ex) {
			// being written by the first worker, or gone with the master: report again
			return null;
		}
	}

	static String fingerprint(Throwable failure) {
		StringBuilder chain = new StringBuilder();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			chain.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
