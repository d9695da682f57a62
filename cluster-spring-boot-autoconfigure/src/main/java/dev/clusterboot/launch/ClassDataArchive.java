package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.clusterboot.warmup.TrainingRunWarmUp;

/**
 * A class-data archive for the workers of one executable jar, in a cache directory keyed
 * by what makes the archive valid: the jar's content, the JVM, and the JVM options.
 * <p>
 * Preparing follows Spring Boot's documented recipe: extract the jar
 * ({@code -Djarmode=tools extract}), because the JVM archives classes from plain jars on
 * the class path and not from jars nested in a jar; run the application once with
 * {@code spring.context.exit=onRefresh}, which loads and links its classes and exits
 * before the web server binds a port; write the archive from that run. That gives an
 * AppCDS archive ({@code -XX:ArchiveClassesAtExit}, used with
 * {@code -XX:SharedArchiveFile}). On JDK 25 and later, where warm-up routes are
 * configured, workers get the AOT cache instead ({@code -XX:AOTCacheOutput}, used with
 * {@code -XX:AOTCache}), which also keeps linked classes and the method profiles of the
 * training run (JEP 515); its training run starts the application in full and sends it
 * the warm-up's requests ({@link TrainingRunWarmUp}), so that the profiles are those of
 * the request path. An AOT cache trained on a start alone slowed workers' JIT warm-up
 * down against no cache at all, so without a warm-up JDK 25 gets the AppCDS archive too.
 * An archive is used only after a JVM has mapped it with sharing forced on; a stale or
 * broken one is rebuilt.
 *
 * @author cluster-spring-boot-starter
 */
public final class ClassDataArchive {

	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

	private final LaunchCommand command;

	private final List<String> workerJvmOptions;

	private final Path directory;

	private final ArchiveKind kind;

	private final Path sourceJar;

	private ClassDataArchive(LaunchCommand command, List<String> workerJvmOptions, Path directory, ArchiveKind kind,
			Path sourceJar) {
		this.command = command;
		this.workerJvmOptions = workerJvmOptions;
		this.directory = directory;
		this.kind = kind;
		this.sourceJar = sourceJar;
	}

	/**
	 * Locate the archive for the workers of a launch.
	 * @param command how workers are launched
	 * @param workerJvmOptions the workers' extra JVM options
	 * @param cacheRoot the cache directory
	 * @param javaFeature the JVM's feature version, 17 for JDK 17
	 * @param warmUp whether workers warm up on configured routes, on which an AOT cache
	 * is then trained
	 * @return the archive, whether or not it exists yet
	 * @throws IllegalArgumentException when the launch cannot use an archive (not
	 * {@code java -jar}, JVM options that choose sharing themselves, or a cache directory
	 * that other users can write to)
	 * @throws IOException if the jar cannot be read
	 */
	public static ClassDataArchive locate(LaunchCommand command, List<String> workerJvmOptions, Path cacheRoot,
			int javaFeature, boolean warmUp) throws IOException {
		Path jar = command.jar();
		if (jar == null) {
			throw new IllegalArgumentException("the application was not started with 'java -jar', and the JVM "
					+ "archives classes only from jars on the class path, not from directories");
		}
		String chosen = Stream.concat(command.jvmOptions().stream(), workerJvmOptions.stream())
			.filter((option) -> option.startsWith("-Xshare") || option.startsWith("-XX:SharedArchiveFile")
					|| option.startsWith("-XX:AOTCache") || option.startsWith("-XX:AOTMode"))
			.findFirst()
			.orElse(null);
		if (chosen != null) {
			throw new IllegalArgumentException("the JVM options already choose how to share class data (" + chosen
					+ "), and the JVM does not combine that with an archive of the master's");
		}
		PrivateCacheDirectory.check(cacheRoot);
		// an AOT cache keeps its training run's profiles, which help only when they come from requests
		ArchiveKind kind = (javaFeature >= 25 && warmUp) ? ArchiveKind.AOT_CACHE : ArchiveKind.CDS;
		String key = ArchiveKey.of(jar, command, workerJvmOptions, kind);
		String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
		return new ClassDataArchive(command, workerJvmOptions, cacheRoot.resolve(name + "-" + key), kind, jar);
	}

	/**
	 * Return the archive file.
	 * @return its path
	 */
	Path file() {
		return this.directory.resolve(this.kind.fileName());
	}

	/**
	 * Describe the archive for the log.
	 * @return for example {@code AOT cache /tmp/cluster-spring-boot/app-1a2b/app.aot}
	 */
	String describe() {
		return this.kind.description() + " " + file();
	}

	/**
	 * Return whether the training run sends the application the warm-up's requests.
	 * @return {@code true} for an AOT cache where warm-up routes are configured
	 */
	boolean trainedOnWarmUp() {
		return this.kind == ArchiveKind.AOT_CACHE;
	}

	/**
	 * Return the JVM options that make a worker use the archive.
	 * @return the options
	 */
	List<String> jvmOptions() {
		return List.of(this.kind.useOption() + file());
	}

	/**
	 * Return what a worker runs with the archive: the extracted jar.
	 * @return {@code -jar} and the extracted jar
	 */
	List<String> target() {
		return List.of("-jar", extractedJar().toString());
	}

	private Path extractedJar() {
		return this.directory.resolve("application").resolve(this.sourceJar.getFileName());
	}

	/**
	 * Return whether the archive exists and a JVM maps it with sharing forced on.
	 * @return {@code true} when workers can use it
	 */
	boolean isUsable() {
		if (!Files.isRegularFile(file()) || !Files.isRegularFile(extractedJar())) {
			return false;
		}
		List<String> check = new ArrayList<>(List.of(this.command.java()));
		check.addAll(jvmOptions());
		check.addAll(List.of(this.kind.requireOption(), "-cp", extractedJar().toString(), "-version"));
		try {
			return run(check, "check.log", Duration.ofSeconds(30)) == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Build the archive from scratch: extract the jar, run the training start, and check
	 * the result.
	 * @throws IOException if a step fails; the message says which and where its output is
	 */
	void prepare() throws IOException {
		deleteDirectory();
		Files.createDirectories(this.directory);
		List<String> extract = List.of(this.command.java(), "-Djarmode=tools", "-jar", this.sourceJar.toString(),
				"extract", "--destination", this.directory.resolve("application").toString());
		if (run(extract, "extract.log", Duration.ofMinutes(2)) != 0 || !Files.isRegularFile(extractedJar())) {
			throw new IOException("extracting " + this.sourceJar + " failed; see " + this.directory.resolve("extract.log"));
		}
		List<String> options = new ArrayList<>(this.workerJvmOptions);
		options.add(this.kind.createOption() + file());
		if (!trainedOnWarmUp()) {
			options.add("-Dspring.context.exit=onRefresh");
		}
		if (run(this.command.toCommand(options, target()), "training.log", TRAINING_TIMEOUT) != 0 || !isUsable()) {
			throw new IOException("the training run did not produce a usable " + this.kind.description() + "; see "
					+ this.directory.resolve("training.log"));
		}
	}

	private int run(List<String> command, String log, Duration timeout) throws IOException {
		return ArchiveStep.run(command, this.directory.resolve(log), timeout,
				trainedOnWarmUp() ? TrainingRunWarmUp.VALUE : "true");
	}

	private void deleteDirectory() throws IOException {
		if (Files.exists(this.directory)) {
			try (Stream<Path> paths = Files.walk(this.directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
