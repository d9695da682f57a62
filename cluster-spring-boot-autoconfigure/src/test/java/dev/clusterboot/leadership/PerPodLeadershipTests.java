package dev.clusterboot.leadership;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PerPodLeadership}: the master warns once on Kubernetes that
 * leader-only methods run once per pod, unless a shared lock makes one leader for all.
 */
class PerPodLeadershipTests {

	private final ClusterLeadershipProperties leadership = new ClusterLeadershipProperties();

	@Test
	void warnsOnKubernetesAsBootDetectsItFromTheServicesVariablesNamingTheFix() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443")));
		assertThat(PerPodLeadership.warning(environment, LeaderOnlyScheduling.ALL, this.leadership))
			.startsWith("On Kubernetes, leader-only @Scheduled methods run once per pod, not once for all pods")
			.contains("set cluster.leadership.lock");
	}

	@Test
	void warnsWhenThePlatformIsSetToKubernetes() {
		assertThat(PerPodLeadership.warning(kubernetes(), LeaderOnlyScheduling.MARKED, this.leadership)).isNotNull();
	}

	@Test
	void saysNothingWithASharedLockWithoutLeaderOnlyMethodsOrOffKubernetes() {
		assertThat(PerPodLeadership.warning(kubernetes(), LeaderOnlyScheduling.NONE, this.leadership)).isNull();
		assertThat(PerPodLeadership.warning(new MockEnvironment(), LeaderOnlyScheduling.ALL, this.leadership))
			.isNull();
		this.leadership.setLock("reports");
		assertThat(PerPodLeadership.warning(kubernetes(), LeaderOnlyScheduling.ALL, this.leadership)).isNull();
	}

	private static MockEnvironment kubernetes() {
		return new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes");
	}

}
