package dev.clusterboot.metrics.prometheus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

import dev.clusterboot.channel.ControlMessage.ScrapeRequest;
import dev.clusterboot.channel.ServerLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerScrapeServer} with {@link WorkerScrapeClient}.
 */
class WorkerScrapeServerTests {

	@TempDir
	Path directory;

	@Test
	void servesThisWorkersScrapeInTheAskedFormatAndDeletesItsSocketOnStop() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		Counter.builder("orders").register(registry).increment(3);
		WorkerScrapeServer server = new WorkerScrapeServer(this.directory,
				new PrometheusScrapeEndpoint(registry.getPrometheusRegistry(), null));
		server.start();
		long pid = ProcessHandle.current().pid();
		try (WorkerScrapeClient client = new WorkerScrapeClient(this.directory, Duration.ofSeconds(2))) {
			assertThat(server.socket()).exists();
			assertThat(client.fetch(Map.of(7, pid), new ScrapeRequest("CONTENT_TYPE_004", null)).get(7))
				.contains("orders_total 3.0");
			assertThat(client.fetch(Map.of(7, pid), new ScrapeRequest("CONTENT_TYPE_OPENMETRICS_100", null)).get(7))
				.contains("orders_total 3.0")
				.endsWith("# EOF\n");
		}
		finally {
			server.stop();
		}
		assertThat(server.socket()).doesNotExist();
	}

	@Test
	void servesAScrapeOfMegabytesThoughRequestLinesAreShort() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		for (int i = 0; i < 30_000; i++) {
			Counter.builder("orders").tag("customer", "customer-" + i).register(registry).increment();
		}
		WorkerScrapeServer server = new WorkerScrapeServer(this.directory,
				new PrometheusScrapeEndpoint(registry.getPrometheusRegistry(), null));
		server.start();
		try (WorkerScrapeClient client = new WorkerScrapeClient(this.directory, Duration.ofSeconds(10))) {
			String scrape = client
				.fetch(Map.of(7, ProcessHandle.current().pid()), new ScrapeRequest("CONTENT_TYPE_004", null))
				.get(7);
			assertThat(scrape).hasSizeGreaterThan(16 * ServerLimits.MASTER.lineBytes())
				.contains("orders_total{customer=\"customer-29999\"} 1.0");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void deletesSocketsLeftByDeadWorkersOnStart() throws IOException {
		Path dead = Files.createFile(WorkerScrapeServer.socket(this.directory, 4_000_005L));
		Path alive = Files.createFile(WorkerScrapeServer.socket(this.directory, ProcessHandle.current().parent()
			.orElseThrow()
			.pid()));
		WorkerScrapeServer server = new WorkerScrapeServer(this.directory,
				new PrometheusScrapeEndpoint(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).getPrometheusRegistry(),
						null));
		server.start();
		server.stop();
		assertThat(dead).doesNotExist();
		assertThat(alive).exists();
	}

}
