package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The check that keeps class-data archives where only this user can write: an archive
 * is code the workers run, so one that another user could plant must never be used.
 *
 * @author cluster-spring-boot-starter
 */
final class PrivateCacheDirectory {

	private PrivateCacheDirectory() {
	}

	/**
	 * Make sure the cache directory exists and only this user can write to it: an archive
	 * is code the workers run, so one that another user could plant must not be used.
	 */
	static void check(Path directory) throws IOException {
		if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			throw new IllegalArgumentException("the cache directory " + directory + " is on a file system without "
					+ "POSIX permissions, so it cannot be kept private to this user, and an archive is code the "
					+ "workers run; set cluster.worker.cache-directory to a directory on a POSIX file system");
		}
		if (!Files.exists(directory)) {
			Files.createDirectories(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		String owner = Files.getOwner(directory).getName();
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
		if (!owner.equals(System.getProperty("user.name")) || permissions.contains(PosixFilePermission.GROUP_WRITE)
				|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
			throw new IllegalArgumentException("the cache directory " + directory + " belongs to " + owner + " with "
					+ PosixFilePermissions.toString(permissions) + ", and an archive is code the workers run; set "
					+ "cluster.worker.cache-directory to a directory only this user can write to");
		}
	}

}
