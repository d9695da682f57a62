package dev.clusterboot.sample;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterRole;

/**
 * A handler that parks its request thread, as one waiting on a lock that is never released,
 * an exhausted connection pool or a remote call without a timeout would: the thread uses no
 * CPU and the worker's heartbeat still flows. Enough of them at once block every request
 * thread of a worker, which is what {@code bench/run.sh blocked} does to one worker.
 * <p>
 * With {@code pid}, only that process parks: any other answers {@code 421 Misdirected
 * Request} at once, so that a client can aim at one worker of the shared port by opening
 * connections until one lands there.
 *
 * @author cluster-spring-boot-starter
 */
@RestController
class ParkController {

	/** The longest park, so that a forgotten request cannot hold a thread for good. */
	static final long MAX_MILLIS = 60_000;

	private final String worker;

	ParkController() {
		Integer id = ClusterRole.currentWorkerId();
		this.worker = (id != null) ? id.toString() : "0";
	}

	/**
	 * Park the request thread for {@code millis} (at most {@link #MAX_MILLIS}).
	 * @param millis how long to park
	 * @param pid the process that should park; any other answers 421 at once
	 * @return what was done, and by whom
	 */
	@GetMapping("/park")
	ResponseEntity<String> park(@RequestParam(defaultValue = "1000") long millis, @RequestParam(required = false) @Nullable Long pid) {
		long self = ProcessHandle.current().pid();
		if (pid != null && pid != self) {
			return ResponseEntity.status(421).body("pid " + self + " is not pid " + pid + "\n");
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(Math.max(millis, 0), MAX_MILLIS));
		for (long left = deadline - System.nanoTime(); left > 0 && !Thread.currentThread().isInterrupted();
				left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(this, left);
		}
		return ResponseEntity.ok("parked in worker " + this.worker + " (pid " + self + ")\n");
	}

}
