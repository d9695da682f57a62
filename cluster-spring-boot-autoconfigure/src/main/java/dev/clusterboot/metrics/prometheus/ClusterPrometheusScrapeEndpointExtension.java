package dev.clusterboot.metrics.prometheus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.api.ClusterUnavailableException;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.WorkerStatus;
import dev.clusterboot.channel.ControlMessage.ScrapeRequest;
import dev.clusterboot.metrics.ClusterMeterBinder;
import dev.clusterboot.metrics.prometheus.ScrapeMerger.WorkerScrape;

/**
 * Makes {@code /actuator/prometheus} on any worker answer for the whole cluster. A web
 * extension of Boot's own endpoint: its read operation has the same path and produced
 * types, so it replaces Boot's for HTTP while the endpoint keeps its id, its access rules
 * and its exposure settings.
 * <p>
 * For each slot the master shows with a process, it takes that slot's current
 * {@code pid}, never a starting replacement, so during a rolling restart a slot's series
 * move from the old process to the new one once, when the master promotes it, and never
 * flip back and forth. It asks the master afresh on each scrape, so that no two workers
 * disagree about which process serves a slot. Its own scrape it writes locally; the
 * others it fetches over their {@link WorkerScrapeServer scrape sockets} in parallel,
 * waiting at most {@code cluster.metrics.scrape-timeout}. A worker that has not answered
 * by then is left out and counted; the scrape itself always succeeds.
 * <p>
 * Counters of a replaced worker start again from zero under the same {@code worker}
 * label. Prometheus' {@code rate()} and {@code increase()} read a lower value as a
 * counter reset and count from zero again, so a rate never goes negative; what the old
 * process counted after the last scrape before it left is lost, as with any restarted
 * process. (prom-client's cluster aggregator sums workers into one series, so there a
 * replaced worker's count leaves the sum and the whole series looks reset; Envoy's hot
 * restart carries counters over through shared memory, which separate JVMs do not have.)
 * <p>
 * Text format 0.0.4 and OpenMetrics 1.0.0 are merged. The protobuf format is answered
 * with this worker's meters alone, as Boot's endpoint would.
 *
 * @author cluster-spring-boot-starter
 */
@EndpointWebExtension(endpoint = PrometheusScrapeEndpoint.class)
public class ClusterPrometheusScrapeEndpointExtension implements AutoCloseable {

	private static final List<String> CLUSTER_METERS = List.of(ClusterMeterBinder.WORKERS,
			ClusterMeterBinder.DESIRED_WORKERS, ClusterMeterBinder.RESTARTS, ClusterMeterBinder.STANDBY_PROMOTIONS,
			ClusterMeterBinder.STANDBY_WORKERS);

	private final PrometheusScrapeEndpoint endpoint;

	private final PrometheusMeterRegistry registry;

	private final ClusterStatusClient status;

	private final WorkerScrapeClient workers;

	private final ClusterScrapeMetrics metrics;

	private final int ownId;

	/**
	 * Create an extension.
	 * @param endpoint Boot's endpoint, which writes this worker's own scrape
	 * @param registry the registry, whose naming convention names the cluster families
	 * @param status fetches the master's status
	 * @param metrics counts the workers left out
	 * @param identity this worker, whose control directory holds every worker's scrape
	 * socket
	 * @param timeout how long to wait for the other workers
	 */
	public ClusterPrometheusScrapeEndpointExtension(PrometheusScrapeEndpoint endpoint, PrometheusMeterRegistry registry,
			ClusterStatusClient status, ClusterScrapeMetrics metrics, WorkerIdentity identity, Duration timeout) {
		this(endpoint, registry, status, new WorkerScrapeClient(identity.controlSocket().getParent(), timeout), metrics,
				identity.id());
	}

	ClusterPrometheusScrapeEndpointExtension(PrometheusScrapeEndpoint endpoint, PrometheusMeterRegistry registry,
			ClusterStatusClient status, WorkerScrapeClient workers, ClusterScrapeMetrics metrics, int ownId) {
		this.endpoint = endpoint;
		this.registry = registry;
		this.status = status;
		this.workers = workers;
		this.metrics = metrics;
		this.ownId = ownId;
	}

	/**
	 * Scrape every live worker and merge their meters.
	 * @param format the format the client asked for
	 * @param includedNames the only meters to include, or {@code null} for all
	 * @return the merged scrape
	 */
	@ReadOperation(producesFrom = PrometheusOutputFormat.class)
	public WebEndpointResponse<byte[]> scrape(PrometheusOutputFormat format, @Nullable Set<String> includedNames) {
		if (format == PrometheusOutputFormat.CONTENT_TYPE_PROTOBUF) {
			return this.endpoint.scrape(format, includedNames);
		}
		long self = ProcessHandle.current().pid();
		// the status first: the cluster gauges in the local scrape then read it too
		Map<Integer, Long> processes = processesBySlot(currentStatus(), self);
		byte[] body = this.endpoint.scrape(format, includedNames).getBody();
		String own = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
		Map<Integer, Long> others = new TreeMap<>(processes);
		others.values().removeIf((pid) -> pid == self);
		Map<Integer, String> fetched = this.workers.fetch(others, new ScrapeRequest(format.name(), includedNames));
		List<WorkerScrape> scrapes = new ArrayList<>();
		processes.forEach((slot, pid) -> {
			String text = (pid == self) ? own : fetched.get(slot);
			if (text != null) {
				scrapes.add(new WorkerScrape(slot, text));
			}
		});
		int missing = others.size() - fetched.size();
		this.metrics.missed(missing);
		String merged = new ScrapeMerger(clusterFamilies()).merge(own, scrapes, missing,
				format == PrometheusOutputFormat.CONTENT_TYPE_OPENMETRICS_100);
		return new WebEndpointResponse<>(merged.getBytes(StandardCharsets.UTF_8), format);
	}

	/**
	 * The process serving each slot, in slot order: the slot's current process as the
	 * master names it, or this process alone when the master cannot be reached.
	 */
	private Map<Integer, Long> processesBySlot(@Nullable ClusterStatus cluster, long self) {
		Map<Integer, Long> processes = new TreeMap<>();
		if (cluster == null) {
			processes.put(this.ownId, self);
			return processes;
		}
		for (WorkerStatus worker : cluster.workers()) {
			Long pid = worker.pid();
			if (pid != null) {
				processes.put(worker.id(), pid);
			}
		}
		return processes;
	}

	private @Nullable ClusterStatus currentStatus() {
		try {
			return this.status.fetch();
		}
		catch (ClusterUnavailableException ex) {
			return this.status.recent();
		}
	}

	private Set<String> clusterFamilies() {
		NamingConvention convention = this.registry.config().namingConvention();
		Set<String> names = new HashSet<>();
		for (String name : CLUSTER_METERS) {
			for (Meter meter : this.registry.find(name).meters()) {
				String family = meter.getId().getConventionName(convention);
				names.add(family.endsWith("_total") ? family.substring(0, family.length() - 6) : family);
			}
		}
		return names;
	}

	/**
	 * Stop the threads that fetch other workers' scrapes.
	 */
	@Override
	public void close() {
		this.workers.close();
	}

}
