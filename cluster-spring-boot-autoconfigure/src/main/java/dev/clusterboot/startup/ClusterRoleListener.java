package dev.clusterboot.startup;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.clusterboot.agent.MasterWatchdog;
import dev.clusterboot.agent.WorkerSignals;
import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.channel.WorkerEnvironment;
import dev.clusterboot.priority.ApplicationThreadsNice;

/**
 * Decides this process's {@link ClusterRole} as soon as the environment is ready, before
 * any application context exists, and for the master runs the cluster in place of the
 * application.
 * <p>
 * The master hands over to {@link MasterStartup}, which starts and supervises the workers,
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
			System.exit(new MasterStartup(environment, event.getArgs(), isWebApplication(event)).run());
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

}
