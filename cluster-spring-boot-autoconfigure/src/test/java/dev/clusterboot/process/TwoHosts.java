package dev.clusterboot.process;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * Two hosts on one machine: a real Redis ({@link EmbeddedRedis}), and two masters of one
 * application, bound to 127.0.0.2 and 127.0.0.3 with one port, each with two workers
 * that keep their caches coherent across hosts on that Redis. Closing it stops the
 * masters, their workers and Redis.
 */
public final class TwoHosts implements AutoCloseable {

	private final EmbeddedRedis redis;

	private final ClusterProcess first;

	private final ClusterProcess second;

	private TwoHosts(EmbeddedRedis redis, ClusterProcess first, ClusterProcess second) {
		this.redis = redis;
		this.first = first;
		this.second = second;
	}

	/**
	 * Start Redis and both hosts' masters.
	 * @param application the application class, from the test class path
	 * @return the hosts, starting
	 */
	public static TwoHosts start(Class<?> application) {
		int port = ClusterProcess.freePort();
		EmbeddedRedis redis = EmbeddedRedis.start();
		ClusterProcess first = null;
		try {
			first = ClusterProcess.startOnHost(application, "127.0.0.2", port, redis.cachesAcrossHosts());
			return new TwoHosts(redis, first,
					ClusterProcess.startOnHost(application, "127.0.0.3", port, redis.cachesAcrossHosts()));
		}
		catch (RuntimeException ex) {
			if (first != null) {
				first.close();
			}
			redis.close();
			throw ex;
		}
	}

	public ClusterProcess first() {
		return this.first;
	}

	public ClusterProcess second() {
		return this.second;
	}

	/**
	 * Wait until both hosts have two workers up and the second's leader has subscribed
	 * (which clears its caches).
	 * @param timeout how long to wait for the subscription once the workers are up
	 * @return the second host's view of its cluster
	 */
	public JsonNode awaitSubscribed(Duration timeout) {
		this.first.awaitWorkersUp(2);
		JsonNode second = this.second.awaitWorkersUp(2);
		this.second.awaitOutput("Subscribed to Redis channel 'cluster:caches'", timeout);
		return second;
	}

	@Override
	public void close() {
		try {
			this.second.close();
			this.first.close();
		}
		finally {
			this.redis.close();
		}
	}

}
