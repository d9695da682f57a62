package dev.clusterboot.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import dev.clusterboot.startup.ClusterProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example Kubernetes manifest, {@code kubernetes/sample-app.yaml}, stays consistent:
 * its environment binds to the properties it means, the grace period covers the
 * shutdown it allows, and its probes use the groups the starter shapes.
 */
class KubernetesManifestTests {

	private static Map<String, Object> pod;

	private static Map<String, Object> container;

	private static Map<String, Object> env;

	private static Map<String, Object> annotations;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readManifest() throws IOException {
		List<Object> documents = new ArrayList<>();
		try (InputStream in = Files.newInputStream(Path.of("kubernetes/sample-app.yaml"))) {
			new Yaml().loadAll(in).forEach(documents::add);
		}
		Map<String, Object> deployment = (Map<String, Object>) documents.get(0);
		Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
			.get("template");
		pod = (Map<String, Object>) template.get("spec");
		annotations = (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("annotations");
		container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		// values from a Secret are the cluster's, not the manifest's
		env = ((List<Map<String, Object>>) container.get("env")).stream()
			.filter((entry) -> entry.containsKey("value"))
			.collect(Collectors.toMap((entry) -> (String) entry.get("name"), (entry) -> entry.get("value")));
	}

	/**
	 * An environment whose only variables are the container's, as the pod sees them.
	 */
	private static StandardEnvironment manifestEnvironment() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					env));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	@Test
	void environmentBindsToTheClusterProperties() {
		StandardEnvironment environment = manifestEnvironment();
		ClusterProperties properties = Binder.get(environment).bindOrCreate("cluster", ClusterProperties.class);
		assertThat(properties.resolveWorkers(2)).isEqualTo(2);
		assertThat(properties.getWorker().getJvmArgs()).containsExactly("-Xmx256m", "-XX:MaxMetaspaceSize=128m");
		assertThat(properties.getHealth().getMinUpWorkers()).isEqualTo(1);
		assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(25));
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class)).isTrue();
	}

	@Test
	void thePodsShareOneLeaderWhoseStoreTimesOutWellWithinTheLocksTimeToLive() {
		StandardEnvironment environment = manifestEnvironment();
		ClusterProperties properties = Binder.get(environment).bindOrCreate("cluster", ClusterProperties.class);
		assertThat(properties.getLeadership().getLock()).isEqualTo("sample-report-job");
		String url = environment.getProperty("spring.datasource.url");
		long renewal = properties.getLeadership().getLockTimeToLive().dividedBy(5).toSeconds();
		assertThat(url).contains("socketTimeout=").contains("connectTimeout=");
		for (String timeout : new String[] { "socketTimeout", "connectTimeout" }) {
			long seconds = Long.parseLong(url.replaceAll(".*[?&]" + timeout + "=(\\d+).*", "$1"));
			assertThat(seconds).as(timeout).isPositive().isLessThanOrEqualTo(renewal);
		}
		assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "hosts");
	}

	@Test
	@SuppressWarnings("unchecked")
	void gracePeriodCoversThePreStopDelayAndTheWorkersShutdown() {
		int grace = (Integer) pod.get("terminationGracePeriodSeconds");
		Map<String, Object> preStop = (Map<String, Object>) ((Map<String, Object>) container.get("lifecycle"))
			.get("preStop");
		int preStopSeconds = (Integer) ((Map<String, Object>) preStop.get("sleep")).get("seconds");
		Duration workerShutdown = DurationStyle.detectAndParse((String) env.get("CLUSTER_SHUTDOWN_TIMEOUT"));
		Duration shutdownPhase = DurationStyle
			.detectAndParse((String) env.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
		assertThat(workerShutdown).isGreaterThan(shutdownPhase);
		assertThat(Duration.ofSeconds(grace)).isGreaterThan(workerShutdown.plusSeconds(preStopSeconds));
	}

	@Test
	@SuppressWarnings("unchecked")
	void probesAndTheScrapeUseTheManagementPortThatEveryWorkerServes() {
		int managementPort = Integer.parseInt((String) env.get("MANAGEMENT_SERVER_PORT"));
		List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
		assertThat(ports).anySatisfy((port) -> {
			assertThat(port.get("name")).isEqualTo("management");
			assertThat(port.get("containerPort")).isEqualTo(managementPort);
		});
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(((Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet"))
				.get("port")).as(probe).isEqualTo("management");
		}
		assertThat(annotations.get("prometheus.io/port")).isEqualTo(Integer.toString(managementPort));
	}

	@Test
	@SuppressWarnings("unchecked")
	void probesUseTheLivenessAndReadinessGroups() {
		assertThat(((Map<String, Object>) ((Map<String, Object>) container.get("livenessProbe")).get("httpGet"))
			.get("path")).isEqualTo("/actuator/health/liveness");
		assertThat(((Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe")).get("httpGet"))
			.get("path")).isEqualTo("/actuator/health/readiness");
	}

}
