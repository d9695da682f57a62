package dev.clusterboot.channel;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.OptionalLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The master's private directory, {@code cluster-*} in the temporary directory, that
 * only the user can enter: it holds the control socket, the workers' scrape sockets and
 * {@value #PID_FILE}, the master's pid.
 * <p>
 * A master killed with {@code kill -9} cannot delete its directory, so each new master
 * deletes, among its siblings owned by the same user, those whose {@value #PID_FILE}
 * names a process that is no longer alive. A directory without that file, or whose
 * master lives, is never touched.
 *
 * @author cluster-spring-boot-starter
 */
final class ControlDirectory implements Closeable {

	static final String PREFIX = "cluster-";

	static final String PID_FILE = "master.pid";

	private static final Log logger = LogFactory.getLog(ControlDirectory.class);

	private final Path path;

	private ControlDirectory(Path path) {
		this.path = path;
	}

	/**
	 * Create the directory of this process in the temporary directory, and delete those of
	 * masters that are gone.
	 * @return the directory
	 * @throws IOException if the directory cannot be created
	 */
	static ControlDirectory create() throws IOException {
		return create(Path.of(System.getProperty("java.io.tmpdir")), ProcessHandle.current().pid());
	}

	static ControlDirectory create(Path parent, long pid) throws IOException {
		Path path = Files.createTempDirectory(parent, PREFIX,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Files.writeString(path.resolve(PID_FILE), pid + "\n", StandardCharsets.US_ASCII);
		ControlDirectory directory = new ControlDirectory(path);
		directory.deleteSiblingsOfDeadMasters();
		return directory;
	}

	/**
	 * Return the directory's path.
	 * @return the path
	 */
	Path path() {
		return this.path;
	}

	private void deleteSiblingsOfDeadMasters() {
		try (DirectoryStream<Path> siblings = Files.newDirectoryStream(this.path.getParent(), PREFIX + "*")) {
			UserPrincipal user = Files.getOwner(this.path);
			for (Path sibling : siblings) {
				if (!sibling.equals(this.path)) {
					deleteIfOfDeadMaster(sibling, user);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Could not look for directories of cluster masters that are gone", ex);
		}
	}

	private static void deleteIfOfDeadMaster(Path directory, UserPrincipal user) {
		try {
			if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
					|| !user.equals(Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS))) {
				return;
			}
			OptionalLong pid = masterPid(directory);
			if (pid.isPresent() && !isAlive(pid.getAsLong())) {
				delete(directory);
				logger.info("Deleted " + directory + ", left behind by cluster master " + pid.getAsLong()
						+ ", which is gone");
			}
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + directory, ex);
		}
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static OptionalLong masterPid(Path directory) {
		Path file = directory.resolve(PID_FILE);
		try {
			if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
				return OptionalLong.empty();
			}
			return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Delete a directory and everything in it, depth first. What is already gone counts as
	 * deleted: two masters that start together delete the same dead master's directory at
	 * once, and neither may fail to start for it.
	 */
	private static void delete(Path directory) throws IOException {
		Files.walkFileTree(directory, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
				if (ex != null && !(ex instanceof NoSuchFileException)) {
					throw ex;
				}
				Files.deleteIfExists(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	/**
	 * Delete the directory with whatever is left in it (the scrape socket of a worker
	 * killed with {@code kill -9}).
	 */
	@Override
	public void close() {
		try {
			delete(this.path);
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + this.path, ex);
		}
	}

}
