package dev.clusterboot.priority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads the small text files of {@code /proc} and {@code /sys}, where a file that is
 * missing or unreadable (a process gone, a kernel without the feature) is an answer, not
 * an error.
 *
 * @author cluster-spring-boot-starter
 */
final class ProcFiles {

	private ProcFiles() {
	}

	/**
	 * Read a file.
	 * @param file the file
	 * @return its text, or {@code null} when it cannot be read
	 */
	static @Nullable String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
