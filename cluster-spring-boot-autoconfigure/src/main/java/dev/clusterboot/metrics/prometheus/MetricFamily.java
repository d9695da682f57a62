package dev.clusterboot.metrics.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One metric family of a text scrape: its {@code # HELP}, {@code # TYPE} and
 * {@code # UNIT} lines and the samples that follow them, as the lines they were.
 *
 * @author cluster-spring-boot-starter
 */
final class MetricFamily {

	private final String name;

	private final List<String> metadata;

	private final List<String> samples;

	MetricFamily(String name) {
		this(name, new ArrayList<>(), new ArrayList<>());
	}

	MetricFamily(String name, List<String> metadata, List<String> samples) {
		this.name = name;
		this.metadata = metadata;
		this.samples = samples;
	}

	/**
	 * Split a scrape into families: a family starts at a metadata line naming a new
	 * family and holds the samples that follow it. Other comments are dropped.
	 * @param text the scrape
	 * @return the families by name, in the scrape's order
	 */
	static Map<String, MetricFamily> parse(String text) {
		Map<String, MetricFamily> families = new LinkedHashMap<>();
		@Nullable MetricFamily current = null;
		for (String line : text.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			if (line.startsWith("#")) {
				String[] parts = line.split(" ", 4);
				boolean metadata = parts.length >= 3
						&& (parts[1].equals("HELP") || parts[1].equals("TYPE") || parts[1].equals("UNIT"));
				if (metadata) {
					if (current == null || !current.name.equals(parts[2])) {
						current = families.computeIfAbsent(parts[2], MetricFamily::new);
					}
					current.metadata.add(line);
				}
				continue;
			}
			if (current == null) {
				current = families.computeIfAbsent(sampleName(line), MetricFamily::new);
			}
			current.samples.add(line);
		}
		return families;
	}

	/**
	 * Return the metric name a sample line starts with.
	 * @param sample the sample line
	 * @return the name, up to the labels or the value
	 */
	static String sampleName(String sample) {
		int end = 0;
		while (end < sample.length() && sample.charAt(end) != '{' && sample.charAt(end) != ' ') {
			end++;
		}
		return sample.substring(0, end);
	}

	String name() {
		return this.name;
	}

	List<String> metadata() {
		return this.metadata;
	}

	List<String> samples() {
		return this.samples;
	}

}
