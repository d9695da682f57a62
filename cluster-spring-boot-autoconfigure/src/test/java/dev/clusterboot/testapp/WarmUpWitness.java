package dev.clusterboot.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the process tests ask a worker about its warm-up: how many warm-up requests
 * (those with {@code X-Cluster-Warm-Up: true}) it received on the shared port and on any
 * other listener, and whether the shared port answered with this worker's pid while the
 * warm-up ran. On the first warm-up request it receives, it opens twenty new connections
 * to the shared port from a thread of its own and counts the answers from itself: a
 * worker that had already joined the port's group would get about half of them.
 * Filters for each web stack ({@link ServletWarmUpFilter}, {@link ReactiveWarmUpFilter})
 * report every request here.
 */
@Component
public class WarmUpWitness {

	private static final String HEADER = "X-Cluster-Warm-Up";

	private static final int PROBES = 20;

	private final int sharedPort;

	private final AtomicLong onSharedPort = new AtomicLong();

	private final AtomicLong elsewhere = new AtomicLong();

	private final AtomicBoolean probeStarted = new AtomicBoolean();

	private final AtomicLong probesAnswered = new AtomicLong();

	private final AtomicLong probesAnsweredBySelf = new AtomicLong();

	WarmUpWitness(@Value("${server.port:-1}") int sharedPort) {
		this.sharedPort = sharedPort;
	}

	/**
	 * Count one request.
	 * @param warmUpHeader the value of the warm-up header, or {@code null}
	 * @param localPort the port the request arrived on
	 */
	void saw(String warmUpHeader, int localPort) {
		if (!"true".equals(warmUpHeader)) {
			return;
		}
		if (localPort == this.sharedPort) {
			this.onSharedPort.incrementAndGet();
			return;
		}
		this.elsewhere.incrementAndGet();
		if (this.probeStarted.compareAndSet(false, true)) {
			Thread probe = new Thread(this::probeSharedPort, "warm-up-witness");
			probe.setDaemon(true);
			probe.start();
		}
	}

	private void probeSharedPort() {
		String self = "pid " + ProcessHandle.current().pid();
		for (int i = 0; i < PROBES; i++) {
			String body = get();
			if (body != null) {
				this.probesAnswered.incrementAndGet();
				if (body.endsWith(self)) {
					this.probesAnsweredBySelf.incrementAndGet();
				}
			}
		}
	}

	private String get() {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + this.sharedPort + "/")
				.toURL()
				.openConnection();
			connection.setRequestProperty("Connection", "close");
			connection.setConnectTimeout(1000);
			connection.setReadTimeout(2000);
			try (InputStream body = connection.getInputStream()) {
				return new String(body.readAllBytes(), StandardCharsets.UTF_8);
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return null;
		}
	}

	String report() {
		return "warm-up requests on the shared port " + this.onSharedPort + ", elsewhere " + this.elsewhere
				+ ", probes sent " + (this.probeStarted.get() ? PROBES : 0) + ", answered " + this.probesAnswered
				+ ", by self " + this.probesAnsweredBySelf + ", pid " + ProcessHandle.current().pid();
	}

	@RestController
	static class WarmUpController {

		private final WarmUpWitness witness;

		WarmUpController(WarmUpWitness witness) {
			this.witness = witness;
		}

		@GetMapping("/warm-up/seen")
		String seen() {
			return this.witness.report();
		}

		@GetMapping("/warm-up/fail")
		ResponseEntity<String> fail() {
			return ResponseEntity.internalServerError().body("this route always fails");
		}

	}

}
