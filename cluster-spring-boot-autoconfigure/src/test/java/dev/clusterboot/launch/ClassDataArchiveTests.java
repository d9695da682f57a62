package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClassDataArchive}: which launches can use an archive, which kind each
 * JDK gets, and what the archive's key depends on. The archive itself is built and used by
 * real JVMs in sample-app's {@code ClassDataSharingIT}.
 */
class ClassDataArchiveTests {

	@TempDir
	Path temp;

	@Test
	void aClassPathLaunchCannotUseAnArchive() {
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-cp", "target/classes", "App"),
				List.of());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClassDataArchive.locate(command, List.of(), this.temp, 17, false))
			.withMessageContaining("not started with 'java -jar'");
	}

	@Test
	void jvmOptionsThatAlreadyChooseClassDataSharingWin() throws IOException {
		Path jar = jar("app.jar", "one");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClassDataArchive.locate(command, List.of("-Xshare:off"), this.temp, 25, false))
			.withMessageContaining("-Xshare:off");
	}

	@Test
	void jdk17GetsACdsArchiveAndJdk25WithAWarmUpTheAotCache() throws IOException {
		Path jar = jar("app.jar", "one");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		ClassDataArchive cds = ClassDataArchive.locate(command, List.of(), this.temp, 17, false);
		ClassDataArchive aot = ClassDataArchive.locate(command, List.of(), this.temp, 25, true);
		assertThat(cds.file().getFileName()).hasToString("app.jsa");
		assertThat(cds.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + cds.file());
		assertThat(aot.file().getFileName()).hasToString("app.aot");
		assertThat(aot.jvmOptions()).containsExactly("-XX:AOTCache=" + aot.file());
		assertThat(cds.target().get(1)).endsWith("application/app.jar");
	}

	@Test
	void theArchiveIsKeyedByTheJarsContentAndTheJvmOptions() throws IOException {
		Path jar = jar("app.jar", "one");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		Path first = ClassDataArchive.locate(command, List.of(), this.temp, 17, false).file();
		assertThat(ClassDataArchive.locate(command, List.of(), this.temp, 17, false).file()).isEqualTo(first);
		assertThat(ClassDataArchive.locate(command, List.of("-Xmx256m"), this.temp, 17, false).file()).isNotEqualTo(first);
		Files.writeString(jar, "two");
		assertThat(ClassDataArchive.locate(command, List.of(), this.temp, 17, false).file()).isNotEqualTo(first);
	}

	@Test
	void aCacheDirectoryOthersCanWriteToIsNotUsed() throws IOException {
		Path jar = jar("app.jar", "one");
		Path shared = Files.createDirectory(this.temp.resolve("shared"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> ClassDataArchive.locate(command, List.of(), shared, 17, false))
			.withMessageContaining("cluster.worker.cache-directory");
	}

	@Test
	void aCacheDirectoryOnAFileSystemWithoutPosixPermissionsIsNotUsedAndSaysWhy() throws IOException {
		Path jar = jar("app.jar", "one");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		Path zip = this.temp.resolve("cache.zip");
		try (FileSystem noPosix = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> ClassDataArchive.locate(command, List.of(), noPosix.getPath("/cache"), 17, false))
				.withMessageContaining("POSIX permissions")
				.withMessageContaining("cluster.worker.cache-directory");
		}
	}

	@Test
	void aMissingCacheDirectoryIsCreatedPrivate() throws IOException {
		Path jar = jar("app.jar", "one");
		Path cache = this.temp.resolve("new").resolve("cache");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		ClassDataArchive.locate(command, List.of(), cache, 17, false);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
	}

	@Test
	void anArchiveThatIsNotThereIsNotUsable() throws IOException {
		Path jar = jar("app.jar", "one");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		assertThat(ClassDataArchive.locate(command, List.of(), this.temp.resolve("cache"), 17, false).isUsable()).isFalse();
	}

	@Test
	void aBrokenArchiveIsNotUsableSoTheMasterRebuildsIt() throws IOException {
		Path jar = jar("app.jar", "one");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		LaunchCommand command = new LaunchCommand(java, List.of(), List.of("-jar", jar.toString()), List.of());
		ClassDataArchive archive = ClassDataArchive.locate(command, List.of(), this.temp.resolve("cache"), 17, false);
		Path extracted = Path.of(archive.target().get(1));
		Files.createDirectories(extracted.getParent());
		Files.copy(jar, extracted);
		Files.writeString(archive.file(), "not an archive");
		assertThat(archive.isUsable()).isFalse();
	}

	@Test
	void theTrainingRunGetsTheMastersPidAndNoneOfTheMastersClusterVariables() {
		Map<String, String> environment = new HashMap<>(
				Map.of("CLUSTER_WORKERS", "4", "CLUSTER_WORKER_ID", "1", "PATH", "/usr/bin"));
		ArchiveStep.childEnvironment(environment, 42, "true");
		assertThat(environment).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("CLUSTER_TRAINING_RUN", "true"),
				Map.entry("CLUSTER_MASTER_PID", "42"));
	}

	@Test
	void onlyAnAotCacheIsTrainedOnTheWarmUpAndWithoutAWarmUpJdk25GetsACdsArchive() throws IOException {
		Path jar = jar("app.jar", "one");
		LaunchCommand command = new LaunchCommand("java", List.of(), List.of("-jar", jar.toString()), List.of());
		ClassDataArchive trained = ClassDataArchive.locate(command, List.of(), this.temp, 25, true);
		assertThat(trained.trainedOnWarmUp()).isTrue();
		ClassDataArchive noWarmUp = ClassDataArchive.locate(command, List.of(), this.temp, 25, false);
		assertThat(noWarmUp.trainedOnWarmUp()).isFalse();
		assertThat(noWarmUp.file().getFileName()).as("an AOT cache trained on the start slowed the JIT down")
			.hasToString("app.jsa");
		assertThat(noWarmUp.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + noWarmUp.file());
		ClassDataArchive cds = ClassDataArchive.locate(command, List.of(), this.temp, 17, true);
		assertThat(cds.trainedOnWarmUp()).as("an AppCDS archive holds no profiles").isFalse();
		assertThat(cds.file()).isEqualTo(ClassDataArchive.locate(command, List.of(), this.temp, 17, false).file());
	}

	private Path jar(String name, String content) throws IOException {
		return Files.writeString(this.temp.resolve(name), content);
	}

}
