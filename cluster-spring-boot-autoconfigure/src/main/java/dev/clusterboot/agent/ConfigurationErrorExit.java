package dev.clusterboot.agent;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.api.status.WorkerExit;
import dev.clusterboot.channel.WorkerEnvironment;

/**
 * Ends a worker whose start failed on the application's configuration with exit code
 * {@value WorkerExit#CONFIGURATION_ERROR}, after Boot has printed its failure report, so
 * that the master fails the slot at once instead of restarting it into the same failure
 * with backoff. A configuration failure is one that Boot's failure analyzers report as
 * such: a {@link BindException}, {@link BindValidationException},
 * {@link ConfigurationPropertiesBindException} or
 * {@link InvalidConfigurationPropertyValueException} among the failure's causes.
 * <p>
 * Boot gives a failed start an exit code only for an exception that is an
 * {@code ExitCodeGenerator}, or one that an {@code ExitCodeExceptionMapper} bean maps,
 * and those beans are gone once a refresh has failed; and {@link #failed} runs before
 * Boot prints its report. So this listener starts a thread that waits until the thread
 * that ran the application has ended, which is after the report and after Boot's
 * exception handler, and then exits the JVM with
 * {@value WorkerExit#CONFIGURATION_ERROR}.
 * <p>
 * When every worker fails the same way, only the first prints Boot's report (see
 * {@link FirstFailureReport}); the others print one line that points to it.
 *
 * @author cluster-spring-boot-starter
 */
class ConfigurationErrorExit implements SpringApplicationRunListener {

	private static final Log logger = LogFactory.getLog(ConfigurationErrorExit.class);

	private static final List<Class<? extends Throwable>> CONFIGURATION_FAILURES = List.of(BindException.class,
			BindValidationException.class, ConfigurationPropertiesBindException.class,
			InvalidConfigurationPropertyValueException.class);

	private static final String BOOT_REPORTER = "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter";

	ConfigurationErrorExit(SpringApplication application, String[] args) {
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		Integer worker = ClusterRole.currentWorkerId();
		if (worker == null || !isConfigurationFailure(exception)) {
			return;
		}
		String socket = System.getenv(WorkerEnvironment.CONTROL_SOCKET_VARIABLE);
		Integer reporter = (socket != null)
				? FirstFailureReport.reporterOf(Path.of(socket).getParent(), exception, worker) : null;
		if (reporter != null) {
			LoggingSystem.get(ConfigurationErrorExit.class.getClassLoader()).setLogLevel(BOOT_REPORTER, LogLevel.OFF);
			logger.error("Worker " + worker + " failed to start on the same configuration error as worker " + reporter
					+ ": see the failure report of worker " + reporter);
		}
		exitWhenEnded(Thread.currentThread());
	}

	/**
	 * Whether a failed start failed on the application's configuration, so that starting
	 * the worker again cannot help.
	 * @param failure the exception that ended the start
	 * @return {@code true} for a configuration failure
	 */
	static boolean isConfigurationFailure(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			for (Class<? extends Throwable> type : CONFIGURATION_FAILURES) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

	private static void exitWhenEnded(Thread starter) {
		Thread exit = new Thread(() -> {
			try {
				starter.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			System.exit(WorkerExit.CONFIGURATION_ERROR);
		}, "cluster-configuration-error-exit");
		exit.setDaemon(false);
		exit.start();
	}

}
