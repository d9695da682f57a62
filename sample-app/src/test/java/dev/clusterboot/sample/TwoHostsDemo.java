package dev.clusterboot.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.clusterboot.leaderapp.LockDatabase;
import dev.clusterboot.process.EmbeddedRedis;

/**
 * Not a test: shows the {@code hosts} profile on one machine. It starts a real PostgreSQL
 * and a real Redis (from Maven Central jars), then two masters of the sample jar, each
 * with its workers, on port 8080 of 127.0.0.2 and of 127.0.0.3, as two hosts behind a
 * load balancer would be, and stops everything on Ctrl-C. Run from the repository's root
 * with {@code ./mvnw -DskipTests -Phosts-demo package}.
 */
public final class TwoHostsDemo {

	private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3");

	private TwoHostsDemo() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args.length > 0 ? args[0] : "sample-app/target/sample-app.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No sample jar at " + jar.toAbsolutePath() + ": build it first");
		}
		LockDatabase database = LockDatabase.start();
		EmbeddedRedis redis = EmbeddedRedis.start();
		List<Process> masters = new ArrayList<>();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(masters, redis, database), "two-hosts-stop"));
		for (String host : HOSTS) {
			masters.add(new ProcessBuilder(javaExecutable(), "-jar", jar.toString(), "--spring.profiles.active=hosts",
					"--server.address=" + host, "--spring.datasource.url=" + database.url()
							+ "&connectTimeout=2&socketTimeout=2",
					"--spring.data.redis.port=" + redis.port())
				.inheritIO()
				.start());
		}
		System.out.printf("%nTwo hosts share PostgreSQL on 127.0.0.1:%d and Redis on 127.0.0.1:%d.%n"
				+ "  curl 127.0.0.2:8080/jobs; curl 127.0.0.3:8080/jobs      one leader runs the report job for both%n"
				+ "  curl 127.0.0.2:8080/actuator/cluster                     leader.scope ALL_HOSTS, leader.lock%n"
				+ "  curl 127.0.0.3:8080/cached/a; curl -XDELETE 127.0.0.2:8080/cached/a; curl 127.0.0.3:8080/cached/a%n"
				+ "                                                           an eviction on one host reaches the other%n"
				+ "Ctrl-C stops both hosts and the servers.%n%n", database.port(), redis.port());
		for (Process master : masters) {
			master.waitFor();
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void stop(List<Process> masters, EmbeddedRedis redis, LockDatabase database) {
		masters.forEach(Process::destroy);
		for (Process master : masters) {
			try {
				if (!master.waitFor(30, TimeUnit.SECONDS)) {
					master.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		redis.close();
		database.close();
	}

}
