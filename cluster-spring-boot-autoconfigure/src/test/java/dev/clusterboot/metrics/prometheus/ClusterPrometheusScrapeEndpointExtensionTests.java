package dev.clusterboot.metrics.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.StatusFixtures;
import dev.clusterboot.api.status.WorkerState;
import dev.clusterboot.api.status.WorkerStatus;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.metrics.ClusterMeterBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterPrometheusScrapeEndpointExtension} against a stand-in master
 * and stand-in workers on real Unix domain sockets: one answers, one accepts and never
 * answers, one has no socket at all.
 */
class ClusterPrometheusScrapeEndpointExtensionTests {

	private static final long ANSWERING = 4_000_002L;

	private static final long HUNG = 4_000_003L;

	private static final long GONE = 4_000_004L;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private ControlServer master;

	private ClusterStatusClient status;

	@BeforeEach
	void startMasterAndWorkers() throws IOException {
		long self = ProcessHandle.current().pid();
		ClusterStatus cluster = StatusFixtures.cluster(worker(1, self), worker(2, ANSWERING), worker(3, HUNG),
				worker(4, GONE));
		this.master = ControlServer.start(new ControlServer.Handler() {

			@Override
			public void onMessage(ControlConnection connection, ControlMessage message) {
				try {
					connection.send(new ControlMessage.StatusReply(cluster, null));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public void onClosed(ControlConnection connection) {
			}

		});
		Path directory = this.master.socket().getParent();
		serve(WorkerScrapeServer.socket(directory, ANSWERING), "# HELP jvm_threads_live_threads Live threads\n"
				+ "# TYPE jvm_threads_live_threads gauge\njvm_threads_live_threads 29.0\n");
		serve(WorkerScrapeServer.socket(directory, HUNG), null);
		this.status = new ClusterStatusClient(this.master.socket());
		new ClusterMeterBinder(this.status).bindTo(this.registry);
		Counter.builder("jvm.threads.live").baseUnit("threads").register(this.registry).increment(31);
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.status.close();
		this.master.close();
	}

	@Test
	void scrapeHasEveryAnsweringWorkerAndCountsTheOthers() {
		ClusterScrapeMetrics metrics = new ClusterScrapeMetrics();
		metrics.bindTo(this.registry);
		try (ClusterPrometheusScrapeEndpointExtension extension = extension(metrics)) {
			long start = System.nanoTime();
			String scrape = new String(extension.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null).getBody(),
					StandardCharsets.UTF_8);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(scrape).contains("jvm_threads_live_threads_total{worker=\"1\"} 31.0")
				.contains("jvm_threads_live_threads{worker=\"2\"} 29.0")
				.doesNotContain("worker=\"3\"")
				.doesNotContain("worker=\"4\"")
				.contains("cluster_scrape_missing_workers 2\n")
				.containsOnlyOnce("cluster_desired_workers 4.0")
				.contains("cluster_scrape_missed_workers_total{worker=\"1\"} 0.0");
			assertThat(this.registry.get(ClusterScrapeMetrics.MISSED).functionCounter().count()).isEqualTo(2);
		}
	}

	@Test
	void openMetricsScrapeIsMergedToo() {
		try (ClusterPrometheusScrapeEndpointExtension extension = extension(new ClusterScrapeMetrics())) {
			String scrape = new String(
					extension.scrape(PrometheusOutputFormat.CONTENT_TYPE_OPENMETRICS_100, null).getBody(),
					StandardCharsets.UTF_8);
			assertThat(scrape).contains("jvm_threads_live_threads{worker=\"2\"} 29.0")
				.contains("jvm_threads_live_threads_total{worker=\"1\"} 31.0")
				.containsOnlyOnce("# EOF");
		}
	}

	private ClusterPrometheusScrapeEndpointExtension extension(ClusterScrapeMetrics metrics) {
		PrometheusScrapeEndpoint endpoint = new PrometheusScrapeEndpoint(this.registry.getPrometheusRegistry(), null);
		WorkerScrapeClient client = new WorkerScrapeClient(this.master.socket().getParent(), Duration.ofMillis(500));
		return new ClusterPrometheusScrapeEndpointExtension(endpoint, this.registry, this.status, client, metrics, 1);
	}

	private static WorkerStatus worker(int id, long pid) {
		return StatusFixtures.worker(id, pid, WorkerState.UP);
	}

	/**
	 * Stand in for a worker's scrape socket: answer every scrape request with the text, or
	 * never answer when it is {@code null}.
	 */
	private void serve(Path socket, String text) throws IOException {
		this.resources.add(ControlServer.listen(socket, "stand-in", WorkerScrapeServer.LIMITS,
				new ControlServer.Handler() {

					@Override
					public void onMessage(ControlConnection connection, ControlMessage message) throws IOException {
						if (text != null) {
							connection.send(new ControlMessage.ScrapeReply(text));
						}
					}

					@Override
					public void onClosed(ControlConnection connection) {
					}

				}));
	}

}
