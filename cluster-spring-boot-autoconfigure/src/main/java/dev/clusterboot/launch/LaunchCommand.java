package dev.clusterboot.launch;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The command line that started this JVM, rebuilt so that a worker starts the same way:
 * the same {@code java}, the same JVM options, the same {@code -jar} or class path and
 * main class, and the same program arguments. That makes {@code java -jar},
 * {@code ./mvnw spring-boot:run} and a plain class path launch all work.
 * <p>
 * Debugger agents ({@code -agentlib:jdwp}) are left out, since every worker would try to
 * open the same debug port.
 *
 * @author cluster-spring-boot-starter
 */
public final class LaunchCommand {

	private final String java;

	private final List<String> jvmOptions;

	private final List<String> target;

	private final List<String> arguments;

	LaunchCommand(String java, List<String> jvmOptions, List<String> target, List<String> arguments) {
		this.java = java;
		this.jvmOptions = jvmOptions.stream().filter((option) -> !isDebugAgent(option)).toList();
		this.target = target;
		this.arguments = arguments;
	}

	/**
	 * Rebuild the command line of the current JVM.
	 * @param arguments the program arguments the application was started with
	 * @return the command
	 */
	public static LaunchCommand ofCurrentProcess(String[] arguments) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
		List<String> target = target(System.getProperty("sun.java.command", ""),
				System.getProperty("java.class.path", ""));
		return new LaunchCommand(java, jvmOptions, target, Arrays.asList(arguments));
	}

	/**
	 * Work out how the main code was named on the command line.
	 * @param command the {@code sun.java.command} property: the jar or main class, then
	 * the arguments
	 * @param classPath the {@code java.class.path} property
	 * @return {@code -jar <jar>} or {@code -cp <class path> <main class>}
	 */
	static List<String> target(String command, String classPath) {
		boolean singleJar = !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
		if (singleJar && (command.equals(classPath) || command.startsWith(classPath + " "))) {
			return List.of("-jar", classPath);
		}
		String mainClass = command.split(" ", 2)[0];
		if (mainClass.isEmpty()) {
			throw new IllegalStateException("Cluster mode cannot tell how this JVM was started (no sun.java.command), "
					+ "so it cannot start workers the same way. Start the application with 'java -jar' or "
					+ "'java -cp <class path> <main class>'.");
		}
		return List.of("-cp", classPath, mainClass);
	}

	private static boolean isDebugAgent(String option) {
		return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp") || option.equals("-Xdebug");
	}

	/**
	 * Return the full command for a worker.
	 * @param extraJvmOptions options added after the inherited ones, so that they win
	 * @return the command, starting with the {@code java} executable
	 */
	List<String> toCommand(List<String> extraJvmOptions) {
		return toCommand(extraJvmOptions, this.target);
	}

	/**
	 * Return the full command for a worker that runs another target, such as an
	 * extracted jar.
	 * @param extraJvmOptions options added after the inherited ones, so that they win
	 * @param target the {@code -jar} or class path and main class to run instead
	 * @return the command, starting with the {@code java} executable
	 */
	List<String> toCommand(List<String> extraJvmOptions, List<String> target) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(this.jvmOptions);
		command.addAll(extraJvmOptions);
		command.addAll(target);
		command.addAll(this.arguments);
		return command;
	}

	/**
	 * Return the {@code java} executable.
	 * @return its path
	 */
	String java() {
		return this.java;
	}

	/**
	 * Return the JVM options the workers inherit.
	 * @return the options
	 */
	List<String> jvmOptions() {
		return this.jvmOptions;
	}

	/**
	 * Return the executable jar, when the application was started with {@code -jar}.
	 * @return the jar, or {@code null} for a class path launch
	 */
	@Nullable Path jar() {
		return (this.target.size() == 2 && this.target.get(0).equals("-jar")) ? Path.of(this.target.get(1)) : null;
	}

}
