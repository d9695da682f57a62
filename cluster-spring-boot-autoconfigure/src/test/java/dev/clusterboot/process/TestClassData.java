package dev.clusterboot.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Makes the process tests' JVMs start faster: an AppCDS archive of a test application's
 * class path, which every master of the suite and, through the master's JVM options, every
 * worker starts from. It cuts a test application's start to a refreshed context from
 * 4.5 to 4.9 s to 2.7 to 3.0 s on the project's 2-core machine, and the suite starts
 * hundreds of them. Its training start costs about 8 s, so only the class path most tests
 * share gets one (see {@link ClusterProcess}). The archive is written once per class path and application in each
 * run of the suite (never reused from an earlier one, whose classes may have changed), from
 * one training start to a refreshed context. The JVM archives classes only from jars, so
 * the class path's directories are packed into jars first. A failure falls back to the
 * plain class path: the tests then run as before, only slower.
 * <p>
 * This is the test suite's own speed-up, not the starter's class-data sharing, which needs
 * {@code java -jar} and is tested with the packaged sample.
 */
final class TestClassData {

	private static final Path DIRECTORY = Path.of("target", "test-class-data");

	private static final Map<String, Launch> launches = new ConcurrentHashMap<>();

	private TestClassData() {
	}

	/**
	 * How to launch an application from a class path with the archive.
	 * @param classPath the class path
	 * @param application the main class
	 * @param arguments program arguments that decide which classes load (the web server)
	 * @return the class path to use and the JVM options that go before it
	 */
	static synchronized Launch launch(String classPath, Class<?> application, List<String> arguments) {
		if (launches.isEmpty()) {
			try {
				deleteRecursively(DIRECTORY); // earlier runs' archives
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		String key = key(classPath + "\n" + application.getName() + "\n" + arguments);
		return launches.computeIfAbsent(key, (name) -> prepare(DIRECTORY.resolve(name), classPath, application,
				arguments));
	}

	private static Launch prepare(Path directory, String classPath, Class<?> application, List<String> arguments) {
		try {
			Files.createDirectories(directory);
			List<String> entries = new ArrayList<>();
			int packed = 0;
			for (String entry : classPath.split(":")) {
				Path path = Path.of(entry);
				if (Files.isDirectory(path)) {
					Path jar = directory.resolve("classes-" + (packed++) + ".jar");
					pack(path, jar);
					entries.add(jar.toAbsolutePath().toString());
				}
				else {
					entries.add(entry);
				}
			}
			String jarsOnly = String.join(":", entries);
			Path archive = directory.resolve("app.jsa").toAbsolutePath();
			List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1",
					"-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-cp", jarsOnly,
					application.getName(), "--server.port=0", "--server.address=127.0.0.1",
					"--spring.main.banner-mode=off"));
			command.addAll(arguments);
			Process training = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("training.log").toFile())
				.start();
			if (!training.waitFor(2, TimeUnit.MINUTES)) {
				training.destroyForcibly().waitFor();
			}
			if (training.exitValue() != 0 || !Files.isRegularFile(archive)) {
				System.err.println("No class-data archive for the test JVMs; see " + directory.resolve("training.log"));
				return new Launch(List.of(), classPath);
			}
			return new Launch(List.of("-XX:SharedArchiveFile=" + archive), jarsOnly);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Launch(List.of(), classPath);
		}
	}

	private static void pack(Path directory, Path jar) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream packed = new JarOutputStream(out);
				Stream<Path> files = Files.walk(directory)) {
			// directory entries too, as the jar tool writes them: Spring's classpath scanning
			// finds a package in a jar only through its directory entry
			for (Path path : files.filter((path) -> !path.equals(directory)).sorted().toList()) {
				String name = directory.relativize(path).toString().replace('\\', '/');
				boolean isDirectory = Files.isDirectory(path);
				packed.putNextEntry(new JarEntry(isDirectory ? name + "/" : name));
				if (!isDirectory) {
					Files.copy(path, packed);
				}
				packed.closeEntry();
			}
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String key(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A class path and the JVM options that use its archive.
	 * @param jvmOptions {@code -XX:SharedArchiveFile=...}, or nothing
	 * @param classPath the class path, its directories packed into jars
	 */
	record Launch(List<String> jvmOptions, String classPath) {
	}

}
