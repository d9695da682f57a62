package dev.clusterboot.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real two-worker cluster with Micrometer's Prometheus registry on its class path,
 * scraped through the one shared port: whichever worker answers, the scrape has both
 * workers' series and the cluster's meters once, and it keeps answering while a worker
 * is killed and replaced.
 */
class PrometheusScrapeProcessTests {

	private static final String EXPOSE = "--management.endpoints.web.exposure.include=cluster,health,prometheus";

	@Test
	void oneScrapeCoversEveryWorkerAndKeepsAnsweringWhenOneIsKilled() throws Exception {
		try (ClusterProcess cluster = ClusterProcess.start(ClusterProcess.freePort(), EXPOSE)) {
			cluster.awaitWorkersUp(2);
			for (int i = 0; i < 6; i++) {
				Http.Response response = Http.get(cluster.port(), "/actuator/prometheus");
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.body()).contains("jvm_threads_live_threads{worker=\"1\"}")
					.contains("jvm_threads_live_threads{worker=\"2\"}")
					.containsOnlyOnce("# TYPE jvm_threads_live_threads gauge")
					.containsOnlyOnce("cluster_workers{state=\"up\"} 2.0")
					.containsOnlyOnce("cluster_desired_workers 2.0")
					.doesNotContain("cluster_workers{worker=")
					.contains("cluster_scrape_missing_workers 0\n");
			}
			HttpResponse<String> openMetrics = openMetrics(cluster.port());
			assertThat(openMetrics.statusCode()).isEqualTo(200);
			assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/openmetrics-text"));
			assertThat(openMetrics.body()).contains("jvm_threads_live_threads{worker=\"2\"}")
				.containsOnlyOnce("# EOF");

			long killed = cluster.cluster().get("workers").get(0).get("process").get("pid").asLong();
			ProcessHandle.of(killed).orElseThrow().destroyForcibly();
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				statuses.add(Http.get(cluster.port(), "/actuator/prometheus").status());
			}
			assertThat(statuses).containsOnly(200);

			cluster.awaitCluster(ClusterProcess.STARTUP, (status) -> status.get("upWorkers").asInt() == 2
					&& status.get("workers").get(0).get("process").get("pid").asLong() != killed);
			assertThat(Http.get(cluster.port(), "/actuator/prometheus").body())
				.contains("jvm_threads_live_threads{worker=\"1\"}")
				.contains("jvm_threads_live_threads{worker=\"2\"}");
		}
	}

	private static HttpResponse<String> openMetrics(int port) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.header("Accept", "application/openmetrics-text;version=1.0.0")
			.timeout(Duration.ofSeconds(5))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
