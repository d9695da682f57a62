package dev.clusterboot.agent;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FirstFailureReport}.
 */
class FirstFailureReportTests {

	@TempDir
	Path directory;

	@Test
	void theFirstWorkerWithAFailureReportsItAndTheOthersAreToldWho() {
		assertThat(FirstFailureReport.reporterOf(this.directory, failure("abc"), 2)).isNull();
		assertThat(FirstFailureReport.reporterOf(this.directory, failure("abc"), 1)).isEqualTo(2);
		assertThat(FirstFailureReport.reporterOf(this.directory, failure("abc"), 3)).isEqualTo(2);
	}

	@Test
	void aDifferentFailureIsReportedAgain() {
		assertThat(FirstFailureReport.reporterOf(this.directory, failure("abc"), 1)).isNull();
		assertThat(FirstFailureReport.reporterOf(this.directory, failure("xyz"), 2)).isNull();
	}

	@Test
	void everyWorkerReportsWhenTheClaimCannotBeMade() {
		Path gone = this.directory.resolve("stopped-master");
		assertThat(FirstFailureReport.reporterOf(gone, failure("abc"), 1)).isNull();
		assertThat(FirstFailureReport.reporterOf(gone, failure("abc"), 2)).isNull();
	}

	private static Exception failure(String value) {
		return new IllegalStateException("Failed to bind", new IllegalArgumentException("'" + value + "' is bad"));
	}

}
