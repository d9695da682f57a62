package dev.clusterboot.launch;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LaunchCommand}.
 */
class LaunchCommandTests {

	@Test
	void relaunchesAnExecutableJarWithDashJar() {
		assertThat(LaunchCommand.target("app.jar --server.port=8080", "app.jar")).containsExactly("-jar", "app.jar");
		assertThat(LaunchCommand.target("app.jar", "app.jar")).containsExactly("-jar", "app.jar");
	}

	@Test
	void relaunchesAClassPathLaunchWithTheSameClassPathAndMainClass() {
		String classPath = String.join(File.pathSeparator, "target/classes", "lib/a.jar");
		assertThat(LaunchCommand.target("com.example.App --debug", classPath)).containsExactly("-cp", classPath,
				"com.example.App");
	}

	@Test
	void relaunchesAMainClassWhoseClassPathIsOneJar() {
		assertThat(LaunchCommand.target("org.springframework.boot.loader.launch.JarLauncher", "app.jar"))
			.containsExactly("-cp", "app.jar", "org.springframework.boot.loader.launch.JarLauncher");
	}

	@Test
	void failsClearlyWhenTheLaunchIsUnknown() {
		assertThatIllegalStateException().isThrownBy(() -> LaunchCommand.target("", ""))
			.withMessageContaining("cannot tell how this JVM was started");
	}

	@Test
	void workerOptionsComeAfterTheInheritedOnesSoThatTheyWin() {
		LaunchCommand command = new LaunchCommand("java", List.of("-Xmx1g", "-Dname=master"), List.of("-jar", "app.jar"),
				List.of("--server.port=8080", "two words"));
		assertThat(command.toCommand(List.of("-Xmx256m"))).containsExactly("java", "-Xmx1g", "-Dname=master",
				"-Xmx256m", "-jar", "app.jar", "--server.port=8080", "two words");
	}

	@Test
	void leavesOutDebuggerAgentsWhosePortWouldClash() {
		LaunchCommand command = new LaunchCommand("java",
				List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Xrunjdwp:x", "-Xmx1g"),
				List.of("-jar", "app.jar"), List.of());
		assertThat(command.toCommand(List.of())).containsExactly("java", "-Xmx1g", "-jar", "app.jar");
	}

}
