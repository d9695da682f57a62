package dev.clusterboot.priority;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Finds a command on the {@code PATH}, as a shell would.
 *
 * @author cluster-spring-boot-starter
 */
final class CommandPath {

	private CommandPath() {
	}

	/**
	 * Find an executable command.
	 * @param name the command's name
	 * @param path the value of {@code PATH}
	 * @return the first executable of that name, or {@code null} when there is none
	 */
	static @Nullable Path find(String name, @Nullable String path) {
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
