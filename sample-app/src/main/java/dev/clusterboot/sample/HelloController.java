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
 * Says which worker answered, and burns CPU on demand.
 *
 * @author cluster-spring-boot-starter
 */
@RestController
class HelloController {

	private final String worker;

	HelloController() {
		Integer id = ClusterRole.currentWorkerId();
		this.worker = (id != null) ? id.toString() : "0";
	}

	@GetMapping("/")
	String hello() {
		return "Hello from worker " + this.worker + " (pid " + ProcessHandle.current().pid() + ")\n";
	}

	/**
	 * CPU-bound work: {@code iterations} rounds of SHA-256, each over the previous digest.
	 * @param iterations how many rounds
	 * @return the final digest in hex, and who computed it
	 */
	@GetMapping("/cpu")
	String cpu(@RequestParam(defaultValue = "20000") int iterations) throws NoSuchAlgorithmException {
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		byte[] digest = "cluster".getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < iterations; i++) {
			digest = sha256.digest(digest);
		}
		return HexFormat.of().formatHex(digest) + " from worker " + this.worker + "\n";
	}

}
