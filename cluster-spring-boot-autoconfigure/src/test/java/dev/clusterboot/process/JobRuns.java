package dev.clusterboot.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.clusterboot.leaderapp.LeaderTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs of {@link LeaderTestApplication}'s job, as every worker appends them to one
 * file: one line {@code <epoch millis> <pid>} a run.
 */
final class JobRuns {

	/**
	 * The job's delay between runs.
	 */
	static final Duration PERIOD = Duration.ofMillis(500);

	private final Path file;

	JobRuns(Path file) {
		this.file = file;
	}

	/**
	 * The argument that tells the application where to record its runs.
	 */
	String argument() {
		return "--leader-test.runs=" + this.file;
	}

	/**
	 * Every run that started at or after a time, in the order written.
	 */
	List<Run> since(long from) {
		if (!Files.exists(this.file)) {
			return List.of();
		}
		try {
			return Files.readAllLines(this.file)
				.stream()
				.filter((line) -> line.matches("\\d+ \\d+")) // whole records only
				.map(Run::parse)
				.filter((run) -> run.at() >= from)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * No two runs in one period: with a fixed delay, runs on one worker are a period
	 * apart, give or take scheduling jitter; a second worker's run would land between.
	 */
	static void assertOncePerPeriod(List<Run> runs) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < runs.size(); i++) {
			gaps.add(runs.get(i).at() - runs.get(i - 1).at());
		}
		assertThat(gaps).as("milliseconds between runs").allMatch((gap) -> gap >= PERIOD.toMillis() / 2);
	}

	record Run(long at, long pid) {

		static Run parse(String line) {
			String[] parts = line.trim().split(" ");
			return new Run(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
		}

	}

}
