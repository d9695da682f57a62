package dev.clusterboot.warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import dev.clusterboot.api.ClusterRole;
import dev.clusterboot.launch.ClassDataArchive;

/**
 * Trains an AOT cache on the warm-up routes: in a training run that the master started
 * with {@value ClusterRole#TRAINING_RUN_VARIABLE}{@code =}{@value #VALUE}, the
 * application starts in full, its web server on an ephemeral loopback port (never the
 * cluster's), and once it is ready, the configured warm-up sends its requests to that
 * port; then the run exits, and the JVM writes the cache with the method profiles of
 * those requests (JEP 515), so that workers started from it compile their request path
 * sooner.
 *
 * @author cluster-spring-boot-starter
 * @see ClassDataArchive
 */
public final class TrainingRunWarmUp implements ApplicationListener<ApplicationEvent>, Ordered {

	/**
	 * The value of {@value ClusterRole#TRAINING_RUN_VARIABLE} for a training run on the
	 * warm-up routes.
	 */
	public static final String VALUE = "warm-up";

	private static final Log logger = LogFactory.getLog(TrainingRunWarmUp.class);

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared && requested(prepared.getEnvironment())) {
			listenOnAnEphemeralLoopbackPort(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationReadyEvent ready && requested(ready.getApplicationContext().getEnvironment())) {
			// Boot's ServerPortInfoApplicationContextInitializer sets it once the web server listens
			warmUpAndExit(ready, ready.getApplicationContext().getEnvironment().getProperty("local.server.port",
					Integer.class, 0));
		}
	}

	private static boolean requested(Environment environment) {
		return VALUE.equals(environment.getProperty(ClusterRole.TRAINING_RUN_VARIABLE));
	}

	private static void listenOnAnEphemeralLoopbackPort(ConfigurableEnvironment environment) {
		Map<String, Object> ports = new HashMap<>();
		ports.put("server.port", "0");
		ports.put("server.address", InetAddress.getLoopbackAddress().getHostAddress());
		if (environment.getProperty("management.server.port", Integer.class, 0) > 0) {
			// a management server of its own binds a port of its own too
			ports.put("management.server.port", "0");
			ports.put("management.server.address", InetAddress.getLoopbackAddress().getHostAddress());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("clusterTrainingRun", ports));
	}

	private static void warmUpAndExit(ApplicationReadyEvent ready, int port) {
		ClusterWarmUpProperties warmUp = Binder.get(ready.getApplicationContext().getEnvironment())
			.bindOrCreate("cluster.worker.warm-up", ClusterWarmUpProperties.class);
		WarmUpRunner runner = ConfiguredWarmUp.runner(warmUp);
		if (runner != null && port > 0) {
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
			WarmUpSummary summary = runner.run(target);
			logger.info("The training run warmed up on " + target.getAddress().getHostAddress() + ":" + port + ": "
					+ summary + "; exiting, so that the JVM writes the AOT cache");
		}
		System.exit(SpringApplication.exit(ready.getApplicationContext()));
	}

	@Override
	public int getOrder() {
		// after Boot's listeners that load the configuration files, so that it overrides them
		return Ordered.LOWEST_PRECEDENCE;
	}

}
