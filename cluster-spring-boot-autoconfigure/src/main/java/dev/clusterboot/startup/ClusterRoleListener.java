package dev.clusterboot.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

import dev.clusterboot.agent.MasterWatchdog;
import dev.clusterboot.agent.WorkerSignals;
import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.channel.WorkerEnvironment;
import dev.clusterboot.launch.ClassDataArchive;
import dev.clusterboot.launch.ClassDataSharing;
import dev.clusterboot.launch.ClassDataSharingPreparation;
import dev.clusterboot.launch.JvmWorkerLauncher;
import dev.clusterboot.launch.LaunchCommand;
import dev.clusterboot.leanmaster.LeanMaster;
import dev.clusterboot.portgroup.ConnectionMigration;
import dev.clusterboot.portgroup.PortGuard;
import dev.clusterboot.priority.ApplicationThreadsNice;
import dev.clusterboot.priority.Autogroups;
import dev.clusterboot.priority.BootPriorityStartup;
import dev.clusterboot.supervision.ClusterMaster;
import dev.clusterboot.supervision.ClusterRestartProperties;
import dev.clusterboot.supervision.MasterSettings;
import dev.clusterboot.supervision.MasterSignals;
import dev.clusterboot.warmup.ConfiguredWarmUp;

/**
 * Decides this process's {@link ClusterRole} as soon as the environment is ready, before
 * any application context exists, and for the master runs the cluster in place of the
 * application.
 * <p>
 * The master binds {@code cluster.*}, checks the port, starts and supervises the workers,
 * and exits the JVM when the cluster has stopped: the application's context is never
 * created in the master, so none of its beans, runners or scheduled jobs run there.
 * Registered in {@code META-INF/spring.factories}, ordered just after Boot's logging
 * set-up so that the master logs like the application would.
 * <p>
 * In a worker and in the class-data training run, the processes the master starts, it
 * starts a {@link MasterWatchdog} at the very first event, so that they exit when the
 * master is gone in whatever phase they are.
 * Once a worker's application has started, it moves the application's threads below the
 * JVM's own where the master asked for it ({@link ApplicationThreadsNice}).
 *
 * @author cluster-spring-boot-starter
 */
class ClusterRoleListener implements ApplicationListener<SpringApplicationEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(ClusterRoleListener.class);

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationStartingEvent) {
			watchMasterIfStartedByOne();
		}
		else if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			decideRole(prepared);
		}
		else if (event instanceof ApplicationStartedEvent && ClusterRole.currentWorkerId() != null) {
			// started: the context is refreshed, the warm-up and the runners are still to come
			ApplicationThreadsNice.applyToThreadsOf(System.getenv(), Path.of("/proc"),
					Thread.currentThread().getThreadGroup());
		}
	}

	private void decideRole(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		ClusterRole role = ClusterRole.of(environment);
		if (role == ClusterRole.WORKER) {
			WorkerSignals.leaveTerminalSignalsToMaster();
		}
		else if (role == ClusterRole.MASTER) {
			System.exit(runMaster(environment, event.getArgs(), isWebApplication(event)));
		}
	}

	/**
	 * In a worker or the class-data training run, exit when the master is gone, from the
	 * first event on: the launch environment tells the role and the master's pid, while a
	 * worker's control connection, which also tells it, opens only when its context
	 * refreshes, and the training run has none.
	 */
	private static void watchMasterIfStartedByOne() {
		Map<String, String> environment = System.getenv();
		String masterPid = environment.get(WorkerEnvironment.MASTER_PID_VARIABLE);
		Integer worker = ClusterRole.currentWorkerId();
		if (masterPid == null) {
			return;
		}
		if (worker != null) {
			MasterWatchdog.start("Worker " + worker, Long.parseLong(masterPid.trim()));
		}
		else if (environment.containsKey(ClusterRole.TRAINING_RUN_VARIABLE)) {
			MasterWatchdog.start("The class-data training run", Long.parseLong(masterPid.trim()));
		}
	}

	/**
	 * Whether the application will run a web server, as {@link SpringApplication} will
	 * decide once it has bound {@code spring.main.*} (which happens after this listener).
	 */
	private static boolean isWebApplication(ApplicationEnvironmentPreparedEvent event) {
		WebApplicationType type = event.getEnvironment()
			.getProperty("spring.main.web-application-type", WebApplicationType.class,
					event.getSpringApplication().getWebApplicationType());
		return type != WebApplicationType.NONE;
	}

	private int runMaster(ConfigurableEnvironment environment, String[] args, boolean web) {
		ClusterProperties properties = Binder.get(environment).bindOrCreate("cluster", ClusterProperties.class);
		int workers = properties.resolveWorkers(Runtime.getRuntime().availableProcessors());
		int port = web ? environment.getProperty("server.port", Integer.class, 8080) : 0;
		if (web && port <= 0) {
			throw new InvalidConfigurationPropertyValueException("server.port", port,
					"Cluster mode needs a fixed port that every worker shares. Set 'server.port' to a port number.");
		}
		if (!web) {
			logger.info("Not a web application (no web server on the class path, or "
					+ "spring.main.web-application-type=none): workers run without a port, and the master holds none");
		}
		InetAddress address = environment.getProperty("server.address", InetAddress.class);
		LaunchCommand command = LaunchCommand.ofCurrentProcess(args);
		Boolean migration = ConnectionMigration.detect(ConnectionMigration.SETTING);
		if (port > 0 && Boolean.FALSE.equals(migration)) {
			logger.warn(ConnectionMigration.advice());
		}
		MasterSettings settings = masterSettings(properties, workers, port, migration);
		if (CloudPlatform.getActive(environment) == CloudPlatform.KUBERNETES) {
			logger.info("On Kubernetes: the pod's terminationGracePeriodSeconds must cover any preStop delay plus "
					+ "cluster.shutdown.timeout (" + properties.getShutdown().getTimeout().toSeconds()
					+ "s), or the kubelet kills workers in the middle of their graceful shutdown");
		}
		try (PortGuard guard = web ? PortGuard.acquire(address, port) : null) {
			// after the port guard, whose message says first when the platform cannot balance workers
			ClassDataArchive archive = classDataArchive(properties.getWorker(), command);
			Autogroups autogroups = BootPriorityStartup.autogroups(properties.getBootPriority());
			AtomicReference<ClusterMaster> started = new AtomicReference<>();
			ClusterMaster master = new ClusterMaster(settings, (socket) -> {
				JvmWorkerLauncher launcher = new JvmWorkerLauncher(command, properties.getWorker().getJvmArgs(), socket,
						autogroups.launchPrefix(),
						BootPriorityStartup.workerEnvironment(properties.getBootPriority(), autogroups));
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
		catch (IOException ex) {
			throw new UncheckedIOException("Cluster master failed", ex);
		}
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
				properties.getStandbyWorkers());
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
