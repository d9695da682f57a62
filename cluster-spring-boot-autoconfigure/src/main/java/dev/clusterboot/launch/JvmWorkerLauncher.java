package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.channel.WorkerEnvironment;
import dev.clusterboot.launch.WorkerOutputRelay.Source;
import dev.clusterboot.supervision.WorkerLauncher;
import dev.clusterboot.supervision.WorkerProcess;

/**
 * Starts each worker as a new JVM with the master's own {@link LaunchCommand}, marks it a
 * worker through its environment, and relays its output to the master's so that each
 * line tells the worker's slot: with a {@code [worker N]} prefix in plain text, inside
 * each JSON event when the master's console logging is structured (see
 * {@link WorkerLogFormat} and {@link WorkerOutputRelay}).
 *
 * @author cluster-spring-boot-starter
 */
public final class JvmWorkerLauncher implements WorkerLauncher {

	private static final Log logger = LogFactory.getLog(JvmWorkerLauncher.class);

	/**
	 * Variables whose options the JVM already counts among its input arguments, which
	 * the command line passes on: inheriting them too would apply them twice (a
	 * {@code -javaagent} would load twice).
	 */
	private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private final LaunchCommand command;

	private final List<String> workerJvmOptions;

	private final Path controlSocket;

	private final List<String> prefix;

	private final Map<String, String> environment;

	private final WorkerLogFormat logFormat;

	private volatile @Nullable ClassDataArchive archive;

	JvmWorkerLauncher(LaunchCommand command, List<String> workerJvmOptions, Path controlSocket) {
		this(command, workerJvmOptions, controlSocket, List.of(), Map.of());
	}

	/**
	 * Create a launcher that starts each worker through a command, such as
	 * {@code setsid}, which runs the JVM in place of itself with the same pid.
	 * @param command the master's own command line
	 * @param workerJvmOptions {@code cluster.worker.jvm-args}
	 * @param controlSocket the master's control socket
	 * @param prefix the command and its arguments before {@code java}
	 * @param environment variables to set for every worker, besides the cluster's own
	 */
	public JvmWorkerLauncher(LaunchCommand command, List<String> workerJvmOptions, Path controlSocket, List<String> prefix,
			Map<String, String> environment) {
		this.command = command;
		this.workerJvmOptions = List.copyOf(workerJvmOptions);
		this.controlSocket = controlSocket;
		this.prefix = List.copyOf(prefix);
		this.environment = Map.copyOf(environment);
		this.logFormat = WorkerLogFormat.ofThisProcess();
	}

	/**
	 * Start every later worker from a class-data archive.
	 * @param archive a usable archive
	 */
	void useArchive(ClassDataArchive archive) {
		this.archive = archive;
	}

	@Override
	public WorkerProcess launch(int slot) throws IOException {
		return launch(slot, false);
	}

	@Override
	public WorkerProcess launchStandby() throws IOException {
		return launch(0, true);
	}

	private WorkerProcess launch(int slot, boolean standby) throws IOException {
		ClassDataArchive shared = this.archive;
		List<String> jvmOptions = Stream.of(this.logFormat.workerJvmOptions(slot), this.workerJvmOptions,
				(shared != null) ? shared.jvmOptions() : List.<String>of())
			.flatMap(List::stream)
			.toList();
		List<String> commandLine = new ArrayList<>(this.prefix);
		commandLine.addAll((shared != null) ? this.command.toCommand(jvmOptions, shared.target())
				: this.command.toCommand(jvmOptions));
		if (logger.isTraceEnabled()) {
			logger.trace("Starting worker " + slot + ": " + commandLine);
		}
		ProcessBuilder builder = new ProcessBuilder(commandLine);
		Map<String, String> environment = builder.environment();
		OPTION_VARIABLES.forEach(environment::remove);
		environment.putAll(this.environment);
		environment.put(ClusterRole.WORKER_ID_VARIABLE, Integer.toString(slot));
		if (standby) {
			environment.put(WorkerEnvironment.STANDBY_VARIABLE, "true");
		}
		else {
			environment.remove(WorkerEnvironment.STANDBY_VARIABLE);
		}
		environment.put(WorkerEnvironment.CONTROL_SOCKET_VARIABLE, this.controlSocket.toString());
		environment.put(WorkerEnvironment.MASTER_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
		String token = UUID.randomUUID().toString();
		environment.put(WorkerEnvironment.LAUNCH_TOKEN_VARIABLE, token);
		Process process = builder.start();
		Clock clock = Clock.systemDefaultZone();
		WorkerOutputRelay out = new WorkerOutputRelay(this.logFormat, slot, process.pid(), Source.STDOUT, clock);
		WorkerOutputRelay err = new WorkerOutputRelay(this.logFormat, slot, process.pid(), Source.STDERR, clock);
		out.start(process.getInputStream(), System.out);
		err.start(process.getErrorStream(), System.err);
		return new JvmWorkerProcess(process, token, shared != null, List.of(out, err));
	}

	private record JvmWorkerProcess(Process process, String launchToken,
			boolean usesClassDataArchive, List<WorkerOutputRelay> relays) implements WorkerProcess {

		@Override
		public void servesSlot(int slot) {
			this.relays.forEach((relay) -> relay.serves(slot));
		}

		@Override
		public long pid() {
			return this.process.pid();
		}

		@Override
		public CompletableFuture<Integer> onExit() {
			return this.process.onExit().thenApply(Process::exitValue);
		}

		@Override
		public void stop() {
			this.process.destroy();
		}

		@Override
		public void kill() {
			this.process.destroyForcibly();
		}

		@Override
		public void requestThreadDump() {
			ThreadDumps.request(this.process.pid());
		}

		@Override
		public boolean isAlive() {
			return this.process.isAlive();
		}

	}

}
