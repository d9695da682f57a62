package dev.clusterboot.metrics.prometheus;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the answering worker asks another worker for, as one line of JSON on that
 * worker's scrape socket.
 *
 * @param format the name of Boot's {@code PrometheusOutputFormat} to write
 * @param includedNames the only meters to include, or {@code null} for all
 * @author cluster-spring-boot-starter
 */
record ScrapeRequest(String format, @Nullable Set<String> includedNames) {

}
