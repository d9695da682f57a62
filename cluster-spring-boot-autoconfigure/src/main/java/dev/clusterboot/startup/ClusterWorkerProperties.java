package dev.clusterboot.startup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import dev.clusterboot.launch.ClassDataSharing;
import dev.clusterboot.properties.PropertyBounds;
import dev.clusterboot.warmup.ClusterWarmUpProperties;

/**
 * Settings for each worker process.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterWorkerProperties {

	private static final long MAX_REQUESTS = 1_000_000_000;

	/**
	 * JVM options added after the master's own for every worker, overriding them
	 * where they clash, for example '-Xmx256m'.
	 */
	private List<String> jvmArgs = new ArrayList<>();

	/**
	 * How long a worker may take to become ready (accepting traffic) before the
	 * master kills it and counts a failed start. From 1s to 1h.
	 */
	private Duration bootTimeout = Duration.ofSeconds(120);

	/**
	 * Requests after which a worker is replaced, with no request lost. 0 turns
	 * recycling by requests off. At most 1000000000.
	 */
	private long maxRequests;

	/**
	 * Random extra requests, from 0 to this, added to 'max-requests' for each worker,
	 * so that workers started together are not recycled together. At most 1000000000.
	 */
	private long maxRequestsJitter;

	/**
	 * Heap in use right after a garbage collection above which a worker is replaced,
	 * with no request lost, from 1MB to 1TB. Unset turns recycling by memory off.
	 */
	private @Nullable DataSize maxMemory;

	/**
	 * Whether workers start from a class-data archive (AppCDS, or on JDK 25+ with a
	 * warm-up the AOT cache trained on it) that the master prepares and shares between
	 * them.
	 */
	private ClassDataSharing classDataSharing = ClassDataSharing.AUTO;

	/**
	 * Directory where the master keeps class-data archives and the extracted jars
	 * they need, one subdirectory per jar, JVM and JVM options.
	 */
	private Path cacheDirectory = Path.of(System.getProperty("java.io.tmpdir"), "cluster-spring-boot");

	@NestedConfigurationProperty
	private final ClusterWarmUpProperties warmUp = new ClusterWarmUpProperties();

	public ClusterWarmUpProperties getWarmUp() {
		return this.warmUp;
	}

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
		this.bootTimeout = PropertyBounds.check("cluster.worker.boot-timeout", bootTimeout, Duration.ofSeconds(1),
				Duration.ofHours(1));
	}

	public long getMaxRequests() {
		return this.maxRequests;
	}

	public void setMaxRequests(long maxRequests) {
		this.maxRequests = PropertyBounds.check("cluster.worker.max-requests", maxRequests, 0, MAX_REQUESTS);
	}

	public long getMaxRequestsJitter() {
		return this.maxRequestsJitter;
	}

	public void setMaxRequestsJitter(long maxRequestsJitter) {
		this.maxRequestsJitter = PropertyBounds.check("cluster.worker.max-requests-jitter", maxRequestsJitter, 0,
				MAX_REQUESTS);
	}

	public @Nullable DataSize getMaxMemory() {
		return this.maxMemory;
	}

	public void setMaxMemory(@Nullable DataSize maxMemory) {
		this.maxMemory = (maxMemory != null) ? PropertyBounds.check("cluster.worker.max-memory", maxMemory,
				DataSize.ofMegabytes(1), DataSize.ofTerabytes(1)) : null;
	}

}
