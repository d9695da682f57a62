package dev.clusterboot.testapp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the process tests ask a worker about its warm-up: how many warm-up requests
 * (those with {@code X-Cluster-Warm-Up: true}) it received on the shared port and on any
 * other listener, and how many of the latter arrived while this process already had a
 * listening socket on the shared port, that is, had joined the port's group. That last
 * check reads Linux's {@code /proc/net/tcp} and this process's file descriptors, at the
 * moment each warm-up request is served. Filters for each web stack
 * ({@link ServletWarmUpFilter}, {@link ReactiveWarmUpFilter}) report every request here.
 */
@Component
public class WarmUpWitness {

	private static final String LISTEN = "0A";

	private final int sharedPort;

	private final AtomicLong onSharedPort = new AtomicLong();

	private final AtomicLong elsewhere = new AtomicLong();

	private final AtomicLong elsewhereWhileJoined = new AtomicLong();

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
		if (listensOnSharedPort()) {
			this.elsewhereWhileJoined.incrementAndGet();
		}
	}

	/**
	 * Return whether this process holds a listening socket on the shared port.
	 */
	private boolean listensOnSharedPort() {
		Set<String> sockets = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 9 && fields[3].equals(LISTEN) && port(fields[1]) == this.sharedPort) {
						sockets.add("socket:[" + fields[9] + "]");
					}
				}
			}
			catch (IOException | NumberFormatException ex) {
				// no such table, or its header line
			}
		}
		if (sockets.isEmpty()) {
			return false;
		}
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path descriptor : descriptors) {
				try {
					if (sockets.contains(Files.readSymbolicLink(descriptor).toString())) {
						return true;
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read this process's file descriptors", ex);
		}
		return false;
	}

	/**
	 * Read the port of a {@code /proc/net/tcp} local address such as {@code 0100007F:1F90}.
	 */
	private static int port(String address) {
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
	}

	String report() {
		return "warm-up requests on the shared port " + this.onSharedPort + ", elsewhere " + this.elsewhere
				+ ", of them after joining " + this.elsewhereWhileJoined + ", listening on the shared port now "
				+ listensOnSharedPort() + ", pid " + ProcessHandle.current().pid();
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
