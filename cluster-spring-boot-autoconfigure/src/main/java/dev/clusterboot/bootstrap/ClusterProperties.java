package dev.clusterboot.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for cluster mode.
 *
 * @author cluster-spring-boot-starter
 */
@ConfigurationProperties("cluster")
public class ClusterProperties {

	/**
	 * The largest number of workers {@code cluster.workers} accepts.
	 */
	public static final int MAX_WORKERS = 64;

	/**
	 * Whether cluster mode may start. When false, the application runs as a single
	 * process even if 'cluster.workers' is set.
	 */
	private boolean enabled = true;

	/**
	 * Number of worker processes: a whole number from 1 to 64, or 'auto' for one per
	 * available processor. When unset, the application runs as a single process.
	 */
	private @Nullable String workers;

	private final Worker worker = new Worker();

	private final Restart restart = new Restart();

	private final Shutdown shutdown = new Shutdown();

	private final Heartbeat heartbeat = new Heartbeat();

	private final Health health = new Health();

	private final Metrics metrics = new Metrics();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getWorkers() {
		return this.workers;
	}

	public void setWorkers(@Nullable String workers) {
		this.workers = workers;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Restart getRestart() {
		return this.restart;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Health getHealth() {
		return this.health;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Resolve {@code cluster.workers} to a number of workers.
	 * @param availableProcessors the processors available to the JVM, used for
	 * {@code auto}
	 * @return the number of workers, from 1 to {@link #MAX_WORKERS}
	 * @throws InvalidConfigurationPropertyValueException if the value is not a whole number
	 * in range or {@code auto}
	 */
	public int resolveWorkers(int availableProcessors) {
		String value = (this.workers != null) ? this.workers.trim() : "";
		if ("auto".equalsIgnoreCase(value)) {
			return Math.min(Math.max(availableProcessors, 1), MAX_WORKERS);
		}
		try {
			int count = Integer.parseInt(value);
			if (count >= 1 && count <= MAX_WORKERS) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException("cluster.workers", this.workers,
				"Must be a whole number from 1 to " + MAX_WORKERS + ", or 'auto' for one worker per available "
						+ "processor (" + availableProcessors + " here). Remove the property to run a single process.");
	}

	/**
	 * Settings for each worker process.
	 */
	public static class Worker {

		/**
		 * JVM options added after the master's own for every worker, overriding them
		 * where they clash, for example '-Xmx256m'.
		 */
		private List<String> jvmArgs = new ArrayList<>();

		/**
		 * How long a worker may take to become ready (accepting traffic) before the
		 * master kills it and counts a failed start.
		 */
		private Duration bootTimeout = Duration.ofSeconds(120);

		/**
		 * Requests after which a worker is replaced, with no request lost. 0 turns
		 * recycling by requests off.
		 */
		private long maxRequests;

		/**
		 * Random extra requests, from 0 to this, added to 'max-requests' for each worker,
		 * so that workers started together are not recycled together.
		 */
		private long maxRequestsJitter;

		/**
		 * Heap in use right after a garbage collection above which a worker is replaced,
		 * with no request lost. Unset turns recycling by memory off.
		 */
		private @Nullable DataSize maxMemory;

		/**
		 * Whether workers start from a class-data archive (AppCDS, or the AOT cache on
		 * JDK 25+) that the master prepares and shares between them.
		 */
		private ClassDataSharing classDataSharing = ClassDataSharing.AUTO;

		/**
		 * Directory where the master keeps class-data archives and the extracted jars
		 * they need, one subdirectory per jar, JVM and JVM options.
		 */
		private Path cacheDirectory = Path.of(System.getProperty("java.io.tmpdir"), "cluster-spring-boot");

		public ClassDataSharing getClassDataSharing() {
			return this.classDataSharing;
		}

		public void setClassDataSharing(ClassDataSharing classDataSharing) {
			this.classDataSharing = classDataSharing;
		}

		public Path getCacheDirectory() {
			return this.cacheDirectory;
		}

		public void setCacheDirectory(Path cacheDirectory) {
			this.cacheDirectory = cacheDirectory;
		}

		public List<String> getJvmArgs() {
			return this.jvmArgs;
		}

		public void setJvmArgs(List<String> jvmArgs) {
			this.jvmArgs = jvmArgs;
		}

		public Duration getBootTimeout() {
			return this.bootTimeout;
		}

		public void setBootTimeout(Duration bootTimeout) {
			Assert.isTrue(!bootTimeout.isNegative() && !bootTimeout.isZero(),
					"'cluster.worker.boot-timeout' must be positive");
			this.bootTimeout = bootTimeout;
		}

		public long getMaxRequests() {
			return this.maxRequests;
		}

		public void setMaxRequests(long maxRequests) {
			Assert.isTrue(maxRequests >= 0, "'cluster.worker.max-requests' must not be negative");
			this.maxRequests = maxRequests;
		}

		public long getMaxRequestsJitter() {
			return this.maxRequestsJitter;
		}

		public void setMaxRequestsJitter(long maxRequestsJitter) {
			Assert.isTrue(maxRequestsJitter >= 0, "'cluster.worker.max-requests-jitter' must not be negative");
			this.maxRequestsJitter = maxRequestsJitter;
		}

		public @Nullable DataSize getMaxMemory() {
			return this.maxMemory;
		}

		public void setMaxMemory(@Nullable DataSize maxMemory) {
			Assert.isTrue(maxMemory == null || maxMemory.toBytes() > 0, "'cluster.worker.max-memory' must be positive");
			this.maxMemory = maxMemory;
		}

	}

	/**
	 * How the master restarts workers that exit unexpectedly.
	 */
	public static class Restart {

		/**
		 * Delay before restarting a worker that crashed after a stable run.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest delay between restarts of a crash-looping worker.
		 */
		private Duration maxBackoff = Duration.ofSeconds(15);

		/**
		 * Factor by which the delay grows with each failed start in a row.
		 */
		private double multiplier = 2.0;

		/**
		 * How long a worker must stay up for its start to count as successful, which
		 * resets its backoff and failed-start count.
		 */
		private Duration stableAfter = Duration.ofSeconds(30);

		/**
		 * Failed starts in a row after which the master stops restarting a slot and
		 * marks it FAILED.
		 */
		private int maxFailedStarts = 5;

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			Assert.isTrue(!initialBackoff.isNegative(), "'cluster.restart.initial-backoff' must not be negative");
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			Assert.isTrue(!maxBackoff.isNegative(), "'cluster.restart.max-backoff' must not be negative");
			this.maxBackoff = maxBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1.0, "'cluster.restart.multiplier' must be at least 1.0");
			this.multiplier = multiplier;
		}

		public Duration getStableAfter() {
			return this.stableAfter;
		}

		public void setStableAfter(Duration stableAfter) {
			Assert.isTrue(!stableAfter.isNegative(), "'cluster.restart.stable-after' must not be negative");
			this.stableAfter = stableAfter;
		}

		public int getMaxFailedStarts() {
			return this.maxFailedStarts;
		}

		public void setMaxFailedStarts(int maxFailedStarts) {
			Assert.isTrue(maxFailedStarts >= 1, "'cluster.restart.max-failed-starts' must be at least 1");
			this.maxFailedStarts = maxFailedStarts;
		}

	}

	/**
	 * How the master stops workers.
	 */
	public static class Shutdown {

		/**
		 * How long a worker may take to finish Boot's graceful shutdown before the master
		 * kills it. Keep it above 'spring.lifecycle.timeout-per-shutdown-phase'.
		 */
		private Duration timeout = Duration.ofSeconds(35);

		/**
		 * How long a worker that has left the port's group keeps serving the connections
		 * it already accepted before it starts Boot's graceful shutdown.
		 */
		private Duration drainPeriod = Duration.ofSeconds(1);

		public Duration getDrainPeriod() {
			return this.drainPeriod;
		}

		public void setDrainPeriod(Duration drainPeriod) {
			Assert.isTrue(!drainPeriod.isNegative(), "'cluster.shutdown.drain-period' must not be negative");
			this.drainPeriod = drainPeriod;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'cluster.shutdown.timeout' must be positive");
			this.timeout = timeout;
		}

	}

	/**
	 * How workers report to the master.
	 */
	public static class Heartbeat {

		/**
		 * How often each worker reports its readiness and health to the master.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * How long the master waits for a heartbeat from a ready worker before it takes
		 * the worker for hung, asks it for a thread dump, kills and replaces it.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'cluster.heartbeat.timeout' must be positive");
			this.timeout = timeout;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'cluster.heartbeat.interval' must be positive");
			this.interval = interval;
		}

	}

	/**
	 * How the cluster's health reaches health groups and probes.
	 */
	public static class Health {

		/**
		 * Fewest workers that must be up for the 'cluster' health component to report UP
		 * or DEGRADED; below it, or with no worker up, it reports DOWN. Capped at the
		 * desired number of workers.
		 */
		private int minUpWorkers = 1;

		/**
		 * Whether the 'cluster' health component joins the readiness group when Boot's
		 * availability probes are enabled (on Kubernetes, or with
		 * 'management.endpoint.health.probes.enabled'), so that a pod with too few
		 * workers up stops receiving traffic. The liveness group never includes it.
		 */
		private boolean includeInReadiness = true;

		public int getMinUpWorkers() {
			return this.minUpWorkers;
		}

		public void setMinUpWorkers(int minUpWorkers) {
			Assert.isTrue(minUpWorkers >= 1 && minUpWorkers <= MAX_WORKERS,
					"'cluster.health.min-up-workers' must be from 1 to " + MAX_WORKERS);
			this.minUpWorkers = minUpWorkers;
		}

		public boolean isIncludeInReadiness() {
			return this.includeInReadiness;
		}

		public void setIncludeInReadiness(boolean includeInReadiness) {
			this.includeInReadiness = includeInReadiness;
		}

	}

	/**
	 * How workers report the cluster's meters.
	 */
	public static class Metrics {

		/**
		 * How long the worker answering a Prometheus scrape waits for the other workers'
		 * meters; a worker that has not answered by then is left out of that scrape.
		 */
		private Duration scrapeTimeout = Duration.ofSeconds(2);

		public Duration getScrapeTimeout() {
			return this.scrapeTimeout;
		}

		public void setScrapeTimeout(Duration scrapeTimeout) {
			Assert.isTrue(!scrapeTimeout.isNegative() && !scrapeTimeout.isZero(),
					"'cluster.metrics.scrape-timeout' must be positive");
			this.scrapeTimeout = scrapeTimeout;
		}

	}

}
