package dev.clusterboot.warmup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.clusterboot.startup.ClusterProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code cluster.worker.warm-up.*}: off unless routes are set, GET unless a
 * method is, only the allowed methods, and paths and headers that cannot aim the warm-up
 * anywhere but the worker's own server.
 */
class ClusterWarmUpPropertiesTests {

	@Test
	void isOffUnlessRoutesAreConfigured() {
		ClusterWarmUpProperties warmUp = bind(Map.of("cluster.worker.warm-up.duration", "5s"));
		assertThat(ConfiguredWarmUp.runs(warmUp)).isFalse();
		assertThat(ConfiguredWarmUp.limits(warmUp)).isEqualTo(new WarmUpLimits(Duration.ofSeconds(5), 0, 2, Duration.ofSeconds(30)));
	}

	@Test
	void sendsGetUnlessARouteSaysOtherwiseAndKeepsItsHeaders() {
		ClusterWarmUpProperties warmUp = bind(Map.of("cluster.worker.warm-up.routes[0].path", "/",
				"cluster.worker.warm-up.routes[1].method", "head", "cluster.worker.warm-up.routes[1].path",
				"/orders?page=1", "cluster.worker.warm-up.routes[1].headers.Accept", "application/json",
				"cluster.worker.warm-up.requests", "500", "cluster.worker.warm-up.concurrency", "4",
				"cluster.worker.warm-up.time-limit", "20s"));
		assertThat(ConfiguredWarmUp.runs(warmUp)).isTrue();
		assertThat(ConfiguredWarmUp.routes(warmUp)).containsExactly(new WarmUpRoute("GET", "/", Map.of()),
				new WarmUpRoute("HEAD", "/orders?page=1", Map.of("Accept", "application/json")));
		assertThat(ConfiguredWarmUp.limits(warmUp))
			.isEqualTo(new WarmUpLimits(Duration.ofSeconds(10), 500, 4, Duration.ofSeconds(20)));
	}

	@Test
	void canBeTurnedOffWhileRoutesAreConfigured() {
		assertThat(ConfiguredWarmUp.runs(
				bind(Map.of("cluster.worker.warm-up.routes[0].path", "/", "cluster.worker.warm-up.enabled", "false"))))
			.isFalse();
	}

	@Test
	void rejectsAMethodOtherThanGetAndHeadNamingThePropertyAndTheAllowedMethods() {
		assertRejected(Map.of("cluster.worker.warm-up.routes[0].method", "POST", "cluster.worker.warm-up.routes[0].path",
				"/orders"), "cluster.worker.warm-up.routes[0].method", "POST",
				"must be one of GET, HEAD (the methods listed in cluster.worker.warm-up.allowed-methods; "
						+ "list POST there too if repeating this request is safe)");
	}

	@Test
	void sendsAnotherMethodOnlyWhenTheUserListsItAsAllowed() {
		ClusterWarmUpProperties warmUp = bind(Map.of("cluster.worker.warm-up.allowed-methods", "GET,post",
				"cluster.worker.warm-up.routes[0].method", "POST", "cluster.worker.warm-up.routes[0].path", "/search"));
		assertThat(warmUp.getAllowedMethods()).containsExactly("GET", "POST");
		assertThat(ConfiguredWarmUp.routes(warmUp)).containsExactly(new WarmUpRoute("POST", "/search", Map.of()));
		assertRejected(Map.of("cluster.worker.warm-up.allowed-methods", "POST", "cluster.worker.warm-up.routes[0].path",
				"/"), "cluster.worker.warm-up.routes[0].method", "GET",
				"must be one of POST (the methods listed in cluster.worker.warm-up.allowed-methods; "
						+ "list GET there too if repeating this request is safe)");
	}

	@Test
	void rejectsAPathThatCouldLeaveTheWorkersOwnServer() {
		String reason = "must be a path on the worker's own server starting with a single '/', such as /orders?page=1";
		assertRejected(Map.of("cluster.worker.warm-up.routes[0].path", "http://example.com/"),
				"cluster.worker.warm-up.routes[0].path", "http://example.com/", reason);
		assertRejected(Map.of("cluster.worker.warm-up.routes[0].path", "//example.com/"),
				"cluster.worker.warm-up.routes[0].path", "//example.com/", reason);
		assertRejected(Map.of("cluster.worker.warm-up.routes[0].method", "GET"),
				"cluster.worker.warm-up.routes[0].path", null, reason);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("cluster.worker.warm-up.routes[0].path", "/a b")))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
					(ex) -> assertThat(ex.getReason()).startsWith("must be a path and query as a URI writes them"));
	}

	@Test
	void rejectsHeadersTheWarmUpSetsItself() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("cluster.worker.warm-up.routes[0].path", "/");
		properties.put("cluster.worker.warm-up.routes[0].headers.[X-Cluster-Warm-Up]", "false");
		assertRejected(properties, "cluster.worker.warm-up.routes[0].headers.X-Cluster-Warm-Up", "false",
				"must be a header name other than Connection, Content-Length, Expect, Host, Upgrade and "
						+ "X-Cluster-Warm-Up, which the warm-up sets itself");
	}

	private static void assertRejected(Map<String, String> properties, String property, String value,
			String reason) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(properties))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(property);
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getReason()).isEqualTo(reason);
			});
	}

	private static ClusterWarmUpProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("cluster", ClusterProperties.class)
			.getWorker()
			.getWarmUp();
	}

}
