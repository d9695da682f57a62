package dev.clusterboot.sample;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import dev.clusterboot.agent.WorkerAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code application.yml} sets {@code cluster.workers: 2}, yet a {@code @SpringBootTest}
 * runs the application in the test's own JVM, as without the starter: tests never fork.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@Test
	void runsAsASingleProcessInsideTests() {
		assertThat(this.port).isPositive();
		assertThat(this.context.getBeansOfType(WorkerAgent.class)).isEmpty();
		assertThat(ProcessHandle.current().children()).isEmpty();
		assertThat(new HelloController().hello()).isEqualTo("Hello from worker 0 (pid " + ProcessHandle.current().pid() + ")\n");
	}

}
