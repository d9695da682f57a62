package dev.clusterboot.metrics.prometheus;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.clusterboot.metrics.prometheus.ScrapeMerger.WorkerScrape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScrapeMerger}, on scrapes written the way Micrometer's Prometheus
 * registry writes them.
 */
class ScrapeMergerTests {

	private static final String WORKER_1 = """
			# HELP cluster_workers Workers in each state, as the cluster master sees them
			# TYPE cluster_workers gauge
			cluster_workers{state="up"} 2.0
			cluster_workers{state="failed"} 0.0
			# HELP cluster_worker_restarts_total Workers the cluster master replaced since it started
			# TYPE cluster_worker_restarts_total counter
			cluster_worker_restarts_total{reason="crash"} 1.0
			# HELP http_server_requests_seconds_max
			# TYPE http_server_requests_seconds_max gauge
			http_server_requests_seconds_max{method="GET",uri="/"} 0.012
			# HELP jvm_threads_live_threads The current number of live threads
			# TYPE jvm_threads_live_threads gauge
			jvm_threads_live_threads 31.0
			""";

	private static final String WORKER_2 = """
			# HELP cluster_workers Workers in each state, as the cluster master sees them
			# TYPE cluster_workers gauge
			cluster_workers{state="up"} 1.0
			cluster_workers{state="failed"} 0.0
			# HELP cluster_worker_restarts_total Workers the cluster master replaced since it started
			# TYPE cluster_worker_restarts_total counter
			cluster_worker_restarts_total{reason="crash"} 0.0
			# HELP jvm_threads_live_threads The current number of live threads
			# TYPE jvm_threads_live_threads gauge
			jvm_threads_live_threads 29.0
			# HELP orders_total Orders taken
			# TYPE orders_total counter
			orders_total{note="say \\"hi\\", {then} go\\\\",worker="east"} 3.0
			""";

	private final ScrapeMerger merger = new ScrapeMerger(Set.of("cluster_workers", "cluster_worker_restarts"));

	@Test
	void everyWorkerSampleIsLabelledWithItsSlot() {
		String merged = this.merger.merge(WORKER_1, scrapes(), 0, false);
		assertThat(merged).contains("jvm_threads_live_threads{worker=\"1\"} 31.0\n")
			.contains("jvm_threads_live_threads{worker=\"2\"} 29.0\n")
			.contains("http_server_requests_seconds_max{worker=\"1\",method=\"GET\",uri=\"/\"} 0.012\n");
	}

	@Test
	void clusterFamiliesComeOnceWithoutWorkerLabelFromTheGivenScrape() {
		String merged = this.merger.merge(WORKER_1, scrapes(), 0, false);
		assertThat(merged).containsOnlyOnce("cluster_workers{state=\"up\"} 2.0\n")
			.containsOnlyOnce("cluster_worker_restarts_total{reason=\"crash\"} 1.0\n")
			.doesNotContain("cluster_workers{state=\"up\"} 1.0")
			.doesNotContain("cluster_workers{worker=");
	}

	@Test
	void helpAndTypeComeOncePerFamilyWithItsSamplesTogether() {
		String merged = this.merger.merge(WORKER_1, scrapes(), 0, false);
		assertThat(merged).containsOnlyOnce("# HELP jvm_threads_live_threads ")
			.containsOnlyOnce("# TYPE jvm_threads_live_threads gauge")
			.containsOnlyOnce("# TYPE cluster_workers gauge")
			.contains("# TYPE jvm_threads_live_threads gauge\n" + "jvm_threads_live_threads{worker=\"1\"} 31.0\n"
					+ "jvm_threads_live_threads{worker=\"2\"} 29.0\n");
		assertThat(merged.lines().filter((line) -> !line.startsWith("#")).distinct().count())
			.isEqualTo(merged.lines().filter((line) -> !line.startsWith("#")).count());
	}

	@Test
	void familiesOfOneWorkerOnlyAreKept() {
		String merged = this.merger.merge(WORKER_1, scrapes(), 0, false);
		assertThat(merged).contains("# TYPE orders_total counter\norders_total{worker=\"2\",");
	}

	@Test
	void labelValuesAreCopiedWithTheirEscapesAndAnOwnWorkerLabelIsRenamed() {
		String merged = this.merger.merge(WORKER_1, scrapes(), 0, false);
		assertThat(merged).contains(
				"orders_total{worker=\"2\",note=\"say \\\"hi\\\", {then} go\\\\\",exported_worker=\"east\"} 3.0\n");
	}

	@Test
	void samplesWithTimestampsAndEmptyLabelsKeepThem() {
		assertThat(ScrapeMerger.withWorkerLabel("up{} 1 1700000000000", 3)).isEqualTo("up{worker=\"3\"} 1 1700000000000");
		assertThat(ScrapeMerger.withWorkerLabel("up 1", 3)).isEqualTo("up{worker=\"3\"} 1");
		assertThat(ScrapeMerger.withWorkerLabel("up{a=\"unterminated} 1", 3)).isNull();
	}

	@Test
	void missingWorkersAreReportedInTheScrape() {
		String merged = this.merger.merge(WORKER_1, List.of(new WorkerScrape(1, WORKER_1)), 1, false);
		assertThat(merged).doesNotContain("worker=\"2\"")
			.contains("# TYPE cluster_scrape_missing_workers gauge\ncluster_scrape_missing_workers 1\n");
	}

	@Test
	void openMetricsEndsWithOneEof() {
		String worker = """
				# TYPE cluster_worker_restarts counter
				# HELP cluster_worker_restarts Workers the cluster master replaced since it started
				cluster_worker_restarts_total{reason="crash"} 1.0
				# TYPE process_uptime_seconds gauge
				# UNIT process_uptime_seconds seconds
				# HELP process_uptime_seconds The uptime of the Java virtual machine
				process_uptime_seconds 12.5
				# EOF
				""";
		String merged = this.merger.merge(worker, List.of(new WorkerScrape(1, worker), new WorkerScrape(2, worker)), 0,
				true);
		assertThat(merged).containsOnlyOnce("# EOF")
			.endsWith("cluster_scrape_missing_workers 0\n# EOF\n")
			.containsOnlyOnce("cluster_worker_restarts_total{reason=\"crash\"} 1.0")
			.containsOnlyOnce("# UNIT process_uptime_seconds seconds")
			.contains("process_uptime_seconds{worker=\"1\"} 12.5\nprocess_uptime_seconds{worker=\"2\"} 12.5\n");
	}

	private static List<WorkerScrape> scrapes() {
		return List.of(new WorkerScrape(1, WORKER_1), new WorkerScrape(2, WORKER_2));
	}

}
