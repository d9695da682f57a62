package dev.clusterboot.testapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterRole;

/**
 * The application the process tests run in cluster mode, launched from the test class
 * path. It records every process that creates its beans, and can be told to fail in one
 * worker.
 */
@SpringBootApplication
public class ClusterTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(ClusterTestApplication.class, args);
	}

	@Bean
	BeanCreationRecorder beanCreationRecorder(@Value("${test.bean-record:}") String record,
			@Value("${test.fail-worker:-1}") int failWorker) throws IOException {
		Integer worker = ClusterRole.currentWorkerId();
		if (worker != null && worker == failWorker) {
			throw new IllegalStateException("Worker " + worker + " was told to fail (test.fail-worker)");
		}
		BeanCreationRecorder recorder = new BeanCreationRecorder(record);
		recorder.record("bean");
		return recorder;
	}

	/**
	 * Stands for a dependency that hangs at startup: while the file named by
	 * {@code test.block-startup-file} exists, a starting worker never becomes ready.
	 */
	@Bean
	Object startupGate(@Value("${test.block-startup-file:}") String file) throws InterruptedException {
		if (!file.isEmpty() && Files.exists(Path.of(file))) {
			Thread.sleep(Long.MAX_VALUE);
		}
		return new Object();
	}

	/**
	 * Stands for a web server that cluster mode does not support: a factory of the
	 * application's own, which makes Boot's Tomcat factory back off.
	 */
	@Bean
	@ConditionalOnBooleanProperty("test.unsupported-server")
	ServletWebServerFactory unsupportedWebServerFactory() {
		return (initializers) -> {
			throw new IllegalStateException("This test server never starts");
		};
	}

	@Bean
	CommandLineRunner recordRunner(BeanCreationRecorder recorder) {
		return (args) -> recorder.record("runner");
	}

	@RestController
	static class WhoAmIController {

		private final String parkFile;

		WhoAmIController(@Value("${test.park-file:}") String parkFile) {
			this.parkFile = parkFile;
		}

		@GetMapping("/")
		String whoAmI() {
			return "worker " + ClusterRole.currentWorkerId() + " pid " + ProcessHandle.current().pid();
		}

		/**
		 * Stands for a request thread blocked on a lock or a dead dependency: on the worker
		 * named by {@code worker}, it parks its thread while the file named by
		 * {@code test.park-file} exists, and says so in a file beside it named after the
		 * thread ({@code <park-file>.held.<thread>}); elsewhere it answers at once.
		 */
		@GetMapping("/park")
		String park(@RequestParam int worker) throws IOException {
			if (Integer.valueOf(worker).equals(ClusterRole.currentWorkerId()) && !this.parkFile.isEmpty()) {
				Files.writeString(Path.of(this.parkFile + ".held." + Thread.currentThread().getName()), "");
				while (Files.exists(Path.of(this.parkFile))) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
				}
			}
			return whoAmI();
		}

	}

	/**
	 * Appends "what pid" lines to a file, so a test can tell which processes created the
	 * application's beans.
	 */
	static class BeanCreationRecorder {

		private final String file;

		BeanCreationRecorder(String file) {
			this.file = file;
		}

		void record(String what) throws IOException {
			if (!this.file.isEmpty()) {
				Files.writeString(Path.of(this.file), what + " " + ProcessHandle.current().pid() + "\n",
						StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
		}

	}

}
