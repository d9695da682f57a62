package dev.clusterboot.stateapp;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpSession;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that keeps state in each process, as many samples do: Boot's in-memory
 * H2 database (H2 and JDBC on the class path, no URL), HTTP sessions in the servlet
 * container, Boot's simple cache (a {@code ConcurrentMapCacheManager}) and one
 * {@code @Scheduled} method. Run in cluster mode, each of these is per worker.
 */
@SpringBootApplication
@EnableCaching
@EnableScheduling
public class StateTestApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StateTestApplication.class);
		// what Boot picks without a cache library; Caffeine is on the test class path
		// and @Scheduled methods in every worker, as before one-worker scheduling
		application.setDefaultProperties(Map.of("spring.cache.type", "simple", "cluster.scheduling.leader-only", "none"));
		application.run(args);
	}

	@RestController
	static class VisitsController {

		@GetMapping("/visits")
		int visits(HttpSession session) {
			Integer visits = (Integer) session.getAttribute("visits");
			int now = (visits != null) ? visits + 1 : 1;
			session.setAttribute("visits", now);
			return now;
		}

	}

	@Component
	static class VisitPurge {

		@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.HOURS)
		void purgeExpiredVisits() {
		}

	}

}
