package dev.clusterboot.metrics.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Merges the text scrapes of several workers into one, in Prometheus text format 0.0.4
 * or OpenMetrics 1.0.0. Pure text in, text out: it never looks at a registry.
 * <ul>
 * <li>Every sample of a worker gets a {@code worker="<slot id>"} label, first among its
 * labels. Slot ids are stable across restarts, so the label's values stay bounded. A
 * {@code worker} label the application set itself becomes {@code exported_worker}, as
 * Prometheus renames labels that clash with a target's.</li>
 * <li>The cluster families (the master's view, the same in every worker) come once, from
 * one scrape, without a {@code worker} label; the other workers' copies are dropped.</li>
 * <li>{@code # HELP}, {@code # TYPE} and {@code # UNIT} come once per family, from the
 * first scrape that has the family, and each family's samples stay together, which
 * OpenMetrics requires. Other comments are dropped; {@code # EOF} ends OpenMetrics
 * output once.</li>
 * <li>{@value #MISSING_WORKERS}, a gauge, says how many workers this scrape left
 * out.</li>
 * </ul>
 * Label values are copied as they are, escapes included: only label names are read.
 *
 * @author cluster-spring-boot-starter
 */
final class ScrapeMerger {

	/**
	 * Name of the gauge of workers left out of a merged scrape.
	 */
	static final String MISSING_WORKERS = "cluster_scrape_missing_workers";

	private static final String EOF = "# EOF";

	private final Set<String> clusterFamilies;

	/**
	 * Create a merger.
	 * @param clusterFamilies the names of the families that describe the whole cluster,
	 * without a {@code _total} suffix
	 */
	ScrapeMerger(Set<String> clusterFamilies) {
		this.clusterFamilies = clusterFamilies;
	}

	/**
	 * Merge scrapes.
	 * @param cluster the scrape whose cluster families are kept, usually the answering
	 * worker's own
	 * @param workers each included worker's scrape, in slot order
	 * @param missing how many workers were left out
	 * @param openMetrics whether the scrapes are OpenMetrics rather than text 0.0.4
	 * @return the merged scrape
	 */
	String merge(String cluster, List<WorkerScrape> workers, int missing, boolean openMetrics) {
		Map<String, MetricFamily> merged = new LinkedHashMap<>();
		for (MetricFamily family : MetricFamily.parse(cluster).values()) {
			if (isCluster(family.name())) {
				merged.put(family.name(), family);
			}
		}
		for (WorkerScrape worker : workers) {
			for (MetricFamily family : MetricFamily.parse(worker.text()).values()) {
				if (!isCluster(family.name())) {
					MetricFamily target = merged.computeIfAbsent(family.name(),
							(name) -> new MetricFamily(name, family.metadata(), new ArrayList<>()));
					family.samples()
						.stream()
						.map((sample) -> withWorkerLabel(sample, worker.id()))
						.forEach((sample) -> {
							if (sample != null) {
								target.samples().add(sample);
							}
						});
				}
			}
		}
		StringBuilder out = new StringBuilder();
		for (MetricFamily family : merged.values()) {
			family.metadata().forEach((line) -> out.append(line).append('\n'));
			family.samples().forEach((line) -> out.append(line).append('\n'));
		}
		if (!openMetrics) {
			out.append("# HELP ").append(MISSING_WORKERS).append(" Workers left out of this scrape\n");
		}
		out.append("# TYPE ").append(MISSING_WORKERS).append(" gauge\n");
		if (openMetrics) {
			out.append("# HELP ").append(MISSING_WORKERS).append(" Workers left out of this scrape\n");
		}
		out.append(MISSING_WORKERS).append(' ').append(missing).append('\n');
		if (openMetrics) {
			out.append(EOF).append('\n');
		}
		return out.toString();
	}

	private boolean isCluster(String family) {
		String name = family.endsWith("_total") ? family.substring(0, family.length() - "_total".length()) : family;
		return this.clusterFamilies.contains(name);
	}

	/**
	 * Add {@code worker="<id>"} as a sample's first label.
	 * @return the labelled sample, or {@code null} if its labels cannot be read
	 */
	static @Nullable String withWorkerLabel(String sample, int worker) {
		String name = MetricFamily.sampleName(sample);
		StringBuilder out = new StringBuilder(sample.length() + 16).append(name)
			.append("{worker=\"")
			.append(worker)
			.append('"');
		int i = name.length();
		if (i < sample.length() && sample.charAt(i) == '{') {
			i++;
			while (true) {
				while (i < sample.length() && (sample.charAt(i) == ',' || sample.charAt(i) == ' ')) {
					i++;
				}
				if (i >= sample.length()) {
					return null;
				}
				if (sample.charAt(i) == '}') {
					i++;
					break;
				}
				int equals = sample.indexOf('=', i);
				if (equals < 0 || equals + 1 >= sample.length() || sample.charAt(equals + 1) != '"') {
					return null;
				}
				String label = sample.substring(i, equals).trim();
				int end = closingQuote(sample, equals + 2);
				if (end < 0) {
					return null;
				}
				out.append(',')
					.append(label.equals("worker") ? "exported_worker" : label)
					.append(sample, equals, end + 1);
				i = end + 1;
			}
		}
		return out.append('}').append(sample, i, sample.length()).toString();
	}

	private static int closingQuote(String sample, int from) {
		for (int i = from; i < sample.length(); i++) {
			char c = sample.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * One worker's scrape.
	 *
	 * @param id the worker's slot id
	 * @param text its scrape
	 */
	record WorkerScrape(int id, String text) {
	}

}
