package dev.clusterboot.leaderapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An application with one {@code @Scheduled} job every 500 ms that appends each run to
 * the file named by {@code leader-test.runs}, as one line {@code <epoch millis> <pid>}:
 * appends of short lines are atomic, so every worker can write to the same file and the
 * test reads who ran when.
 */
@SpringBootApplication
@EnableScheduling
public class LeaderTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeaderTestApplication.class, args);
	}

	@Component
	static class RecordedJob {

		private final Path runs;

		RecordedJob(@Value("${leader-test.runs}") Path runs) {
			this.runs = runs;
		}

		@Scheduled(fixedDelay = 500) // a delay, not a rate: a late run is never followed by catch-up runs
		void run() throws IOException {
			Files.writeString(this.runs, System.currentTimeMillis() + " " + ProcessHandle.current().pid() + "\n",
					StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
		}

	}

}
