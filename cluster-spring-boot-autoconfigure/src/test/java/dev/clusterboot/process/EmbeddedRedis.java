package dev.clusterboot.process;

import redis.embedded.RedisServer;

/**
 * A real Redis server for the tests, from the binaries that {@code org.signal:embedded-redis}
 * ships: bound to 127.0.0.1 on a free port, saving nothing to disk. Closing it stops the
 * server; {@link #restart()} stops it and starts it again on the same port, as an outage
 * would.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private final int port;

	private RedisServer server;

	private EmbeddedRedis(int port) {
		this.port = port;
		this.server = server(port);
		this.server.start();
	}

	/**
	 * Start a server on a free port.
	 * @return the running server
	 */
	public static EmbeddedRedis start() {
		return new EmbeddedRedis(ClusterProcess.freePort());
	}

	private static RedisServer server(int port) {
		return RedisServer.builder()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
	}

	public int port() {
		return this.port;
	}

	/**
	 * The program arguments of a master whose workers keep their caches coherent across
	 * hosts on this server.
	 * @return the arguments
	 */
	public String[] cachesAcrossHosts() {
		return new String[] { "--cluster.caches.across-hosts.enabled=true", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.port, "--spring.data.redis.timeout=2s",
				"--cluster.shutdown.drain-period=300ms" };
	}

	/**
	 * Stop the server, as an outage would.
	 */
	public void stop() {
		this.server.stop();
	}

	/**
	 * Start the server again on the same port, empty.
	 */
	public void restart() {
		this.server.stop();
		this.server = server(this.port);
		this.server.start();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
