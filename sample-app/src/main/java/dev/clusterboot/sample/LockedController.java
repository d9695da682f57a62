package dev.clusterboot.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterRole;

/**
 * A handler that serializes: the same SHA-256 work as {@code /cpu}, done while holding one
 * lock shared by the whole JVM.
 * <p>
 * It stands for code that cannot run on two threads at once: a thread-unsafe legacy
 * library, a single-threaded native binding, a {@code synchronized} hot path. However many
 * request threads Tomcat runs, one JVM computes one such request at a time and so uses one
 * core; a cluster of N workers holds N locks. The benchmark under {@code bench/} compares
 * both.
 *
 * @author cluster-spring-boot-starter
 */
@RestController
class LockedController {

	/** The one lock of this JVM, as a static field of a legacy class would be. */
	private static final Object GLOBAL_LOCK = new Object();

	private final String worker;

	LockedController() {
		Integer id = ClusterRole.currentWorkerId();
		this.worker = (id != null) ? id.toString() : "0";
	}

	/**
	 * {@code iterations} rounds of SHA-256, each over the previous digest, under the global lock.
	 * @param iterations how many rounds
	 * @return the final digest in hex, and who computed it
	 * @throws NoSuchAlgorithmException never: every JVM has SHA-256
	 */
	@GetMapping("/locked")
	String locked(@RequestParam(defaultValue = "20000") int iterations) throws NoSuchAlgorithmException {
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		byte[] digest = "cluster".getBytes(StandardCharsets.UTF_8);
		synchronized (GLOBAL_LOCK) {
			for (int i = 0; i < iterations; i++) {
				digest = sha256.digest(digest);
			}
		}
		return HexFormat.of().formatHex(digest) + " from worker " + this.worker + "\n";
	}

}
