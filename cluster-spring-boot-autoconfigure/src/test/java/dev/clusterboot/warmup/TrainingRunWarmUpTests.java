package dev.clusterboot.warmup;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrainingRunWarmUp}: a training run on the warm-up routes listens on an
 * ephemeral loopback port, whatever port the command line gives, and any other run keeps
 * its configuration. That it serves the warm-up and exits, leaving an AOT cache, is
 * tested with the packaged sample on JDK 25 ({@code ClassDataSharingIT}).
 */
class TrainingRunWarmUpTests {

	@Test
	void aTrainingRunOnTheWarmUpListensOnAnEphemeralLoopbackPortOverTheCommandLine() {
		StandardEnvironment environment = environment("warm-up");
		prepare(environment);
		assertThat(environment.getProperty("server.port")).isEqualTo("0");
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("management.server.port")).isNull();
	}

	@Test
	void aManagementServerOfItsOwnGetsAnEphemeralLoopbackPortToo() {
		StandardEnvironment environment = environment("warm-up");
		environment.getPropertySources().addLast(new MapPropertySource("application", Map.of("management.server.port", "9090")));
		prepare(environment);
		assertThat(environment.getProperty("management.server.port")).isEqualTo("0");
		assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
	}

	@Test
	void anyOtherRunKeepsItsPort() {
		StandardEnvironment training = environment("true");
		prepare(training);
		assertThat(training.getProperty("server.port")).isEqualTo("8080");
		StandardEnvironment worker = new StandardEnvironment();
		worker.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--server.port=8080"));
		prepare(worker);
		assertThat(worker.getProperty("server.port")).isEqualTo("8080");
	}

	private static StandardEnvironment environment(String training) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("launch", Map.of("CLUSTER_TRAINING_RUN", training)));
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--server.port=8080"));
		return environment;
	}

	private static void prepare(StandardEnvironment environment) {
		new TrainingRunWarmUp().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
				new SpringApplication(), new String[0], environment));
	}

}
