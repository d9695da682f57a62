package dev.clusterboot.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

import dev.clusterboot.launch.ClassDataArchive;
import dev.clusterboot.launch.ClassDataSharing;
import dev.clusterboot.launch.ClassDataSharingPreparation;
import dev.clusterboot.launch.JvmWorkerLauncher;
import dev.clusterboot.launch.LaunchCommand;
import dev.clusterboot.leadership.PerPodLeadership;
import dev.clusterboot.leanmaster.LeanMaster;
import dev.clusterboot.portgroup.ConnectionMigration;
import dev.clusterboot.portgroup.PortGuard;
import dev.clusterboot.priority.Autogroups;
import dev.clusterboot.priority.BootPriorityStartup;
import dev.clusterboot.steering.ClusterSteeringProperties;
import dev.clusterboot.steering.SteeringSettings;
import dev.clusterboot.supervision.ClusterMaster;
import dev.clusterboot.supervision.MasterSettings;
import dev.clusterboot.supervision.properties.ClusterRestartProperties;
import dev.clusterboot.warmup.ConfiguredWarmUp;

/**
 * Runs the cluster in the master process in place of the application, once
 * {@link ClusterRoleListener} has decided that this process is the master.
 * <p>
 * Binds {@code cluster.*}, checks the port and holds it with a {@link PortGuard}, then
 * wires the master's collaborators: the worker launcher with its class-data archive and
 * its boot priority, the lean master, the signals and the shutdown handler. Returns the
 * master's exit code, with which the JVM exits.
 *
 * @author cluster-spring-boot-starter
 */
final class MasterStartup {

	private static final Log logger = LogFactory.getLog(MasterStartup.class);

	private final ConfigurableEnvironment environment;

	private final String[] args;

	private final boolean web;

	/**
	 * Create the master's startup.
	 * @param environment the application's prepared environment
	 * @param args the application's arguments, passed on to every worker
	 * @param web whether the application runs a web server, so the workers share a port
	 */
	MasterStartup(ConfigurableEnvironment environment, String[] args, boolean web) {
		this.environment = environment;
		this.args = args;
		this.web = web;
	}

	/**
	 * Run the cluster until it has stopped.
	 * @return the exit code for the master's JVM
	 */
	int run() {
		ClusterProperties properties = Binder.get(this.environment).bindOrCreate("cluster", ClusterProperties.class);
		int workers = properties.resolveWorkers(Runtime.getRuntime().availableProcessors());
		int port = port();
		InetAddress address = this.environment.getProperty("server.address", InetAddress.class);
		LaunchCommand command = LaunchCommand.ofCurrentProcess(this.args);
		Boolean migration = ConnectionMigration.detect(ConnectionMigration.SETTING);
		if (port > 0 && Boolean.FALSE.equals(migration)) {
			logger.warn(ConnectionMigration.advice());
		}
		MasterSettings settings = masterSettings(properties, workers, port, migration);
		if (CloudPlatform.getActive(this.environment) == CloudPlatform.KUBERNETES) {
			logger.info("On Kubernetes: the pod's terminationGracePeriodSeconds must cover any preStop delay plus "
					+ "cluster.shutdown.timeout (" + properties.getShutdown().getTimeout().toSeconds()
					+ "s), or the kubelet kills workers in the middle of their graceful shutdown");
		}
		String perPod = PerPodLeadership.warning(this.environment, properties.getScheduling().getLeaderOnly(),
				properties.getLeadership());
		if (perPod != null) {
			logger.warn(perPod);
		}
		int managementPort = managementPort(port);
		InetAddress managementAddress = this.environment.getProperty("management.server.address", InetAddress.class);
		try (PortGuard guard = this.web ? PortGuard.acquire(address, port) : null;
				PortGuard managementGuard = (managementPort > 0) ? PortGuard.acquire(managementAddress, managementPort,
						"management.server.port")
						: null) {
			// after the port guard, whose message says first when the platform cannot balance workers
			return runMaster(properties, settings, command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cluster master failed", ex);
		}
	}

	/**
	 * The port every worker shares, or 0 when the application runs no web server.
	 */
	private int port() {
		if (!this.web) {
			logger.info("Not a web application (no web server on the class path, or "
					+ "spring.main.web-application-type=none): workers run without a port, and the master holds none");
			return 0;
		}
		int port = this.environment.getProperty("server.port", Integer.class, 8080);
		if (port <= 0) {
			throw new InvalidConfigurationPropertyValueException("server.port", port,
					"Cluster mode needs a fixed port that every worker shares. Set 'server.port' to a port number.");
		}
		return port;
	}

	/**
	 * The port every worker's management server shares, when
	 * {@code management.server.port} gives Actuator a port of its own, or 0 when it does
	 * not or when the application runs no web server.
	 */
	private int managementPort(int port) {
		Integer managementPort = this.environment.getProperty("management.server.port", Integer.class);
		if (!this.web || managementPort == null || managementPort == port || managementPort < 0) {
			return 0;
		}
		if (managementPort == 0) {
			throw new InvalidConfigurationPropertyValueException("management.server.port", managementPort,
					"Cluster mode needs a fixed management port that every worker shares. Set "
							+ "'management.server.port' to a port number, or remove it to serve Actuator on "
							+ "'server.port' (" + port + ").");
		}
		logger.info("Actuator has a port of its own (management.server.port=" + managementPort
				+ "): every worker serves it beside port " + port + ", and the master holds both");
		return managementPort;
	}

	private int runMaster(ClusterProperties properties, MasterSettings settings, LaunchCommand command)
			throws IOException {
		ClassDataArchive archive = classDataArchive(properties.getWorker(), command);
		Autogroups autogroups = BootPriorityStartup.autogroups(properties.getBootPriority());
		AtomicReference<ClusterMaster> started = new AtomicReference<>();
		ClusterMaster master = new ClusterMaster(settings, (socket) -> {
			JvmWorkerLauncher launcher = launcher(properties, command, socket, autogroups);
			if (archive != null) {
				ClassDataSharingPreparation.start(archive, launcher, started.get());
			}
			return launcher;
		});
		started.set(master);
		master.useBootPriority(BootPriorityStartup.configure(properties.getBootPriority(), autogroups));
		LeanMaster.start(master);
		MasterSignals.install(master);
		SpringApplication.getShutdownHandlers().add(master::stopAndWait);
		return master.run();
	}

	private static JvmWorkerLauncher launcher(ClusterProperties properties, LaunchCommand command, Path socket,
			Autogroups autogroups) {
		return new JvmWorkerLauncher(command, properties.getWorker().getJvmArgs(), socket, autogroups.launchPrefix(),
				BootPriorityStartup.workerEnvironment(properties.getBootPriority(), autogroups));
	}

	static MasterSettings masterSettings(ClusterProperties properties, int workers, int port,
			@Nullable Boolean connectionMigration) {
		ClusterRestartProperties restart = properties.getRestart();
		ClusterWorkerProperties worker = properties.getWorker();
		DataSize maxMemory = worker.getMaxMemory();
		return new MasterSettings(workers, port, connectionMigration,
				new MasterSettings.Restart(restart.getInitialBackoff(), restart.getMaxBackoff(), restart.getMultiplier(),
						restart.getStableAfter(), restart.getMaxFailedStarts()),
				new MasterSettings.Timeouts(worker.getBootTimeout(), properties.getHeartbeat().getTimeout(),
						properties.getShutdown().getDrainPeriod(), properties.getShutdown().getTimeout()),
				new MasterSettings.Recycling(worker.getMaxRequests(), worker.getMaxRequestsJitter(),
						(maxMemory != null) ? maxMemory.toBytes() : 0),
				properties.getStandbyWorkers(), steering(properties.getSteering()),
				properties.getLeadership().getLock());
	}

	private static MasterSettings.Steering steering(ClusterSteeringProperties steering) {
		return new MasterSettings.Steering(steering.getMode(), new SteeringSettings(steering.getUnresponsiveAfter(),
				steering.getStalledAfter(), SteeringSettings.DEFAULTS.replaceAbove()));
	}

	private static @Nullable ClassDataArchive classDataArchive(ClusterWorkerProperties worker, LaunchCommand command) {
		if (worker.getClassDataSharing() == ClassDataSharing.OFF) {
			return null;
		}
		try {
			return ClassDataArchive.locate(command, worker.getJvmArgs(), worker.getCacheDirectory(),
					Runtime.version().feature(), ConfiguredWarmUp.runs(worker.getWarmUp()));
		}
		catch (IllegalArgumentException | IOException ex) {
			logger.info("Workers start without class-data sharing: " + ex.getMessage());
			return null;
		}
	}

}
