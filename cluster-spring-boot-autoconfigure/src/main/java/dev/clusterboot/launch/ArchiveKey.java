package dev.clusterboot.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.clusterboot.warmup.TrainingRunWarmUp;

/**
 * The key of a {@link ClassDataArchive}'s cache directory: a digest of what makes the
 * archive valid, so that a change to any of them gives a new directory and a new archive.
 *
 * @author cluster-spring-boot-starter
 */
final class ArchiveKey {

	private ArchiveKey() {
	}

	/**
	 * Compute the key from the jar's content, the JVM, the kind of archive and the JVM
	 * options.
	 * @param jar the application's jar
	 * @param command how workers are launched
	 * @param workerJvmOptions the workers' extra JVM options
	 * @param kind the kind of archive
	 * @return 16 hexadecimal digits
	 * @throws IOException if the jar cannot be read
	 */
	static String of(Path jar, LaunchCommand command, List<String> workerJvmOptions, ArchiveKind kind)
			throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			// an AOT cache is now trained on the warm-up: its kind names that, so that one
			// trained on the start alone, of an earlier version, is rebuilt
			String context = String.join("\n", command.java(), System.getProperty("java.vm.version"),
					kind == ArchiveKind.AOT_CACHE ? kind.name() + "-" + TrainingRunWarmUp.VALUE : kind.name(),
					String.join(" ", command.jvmOptions()), String.join(" ", workerJvmOptions));
			digest.update(context.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
