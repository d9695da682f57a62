package dev.clusterboot.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.properties.Durations;
import dev.clusterboot.supervision.ClusterMaster;

/**
 * Puts a {@link ClassDataArchive} to use: at once when a usable one is cached, otherwise
 * after preparing it on a background thread, once the first workers are all up so that
 * the training start does not compete with theirs for the CPU. Workers started before it
 * is ready start without it; a failure is logged once and never stops the cluster.
 *
 * @author cluster-spring-boot-starter
 */
public final class ClassDataSharingPreparation {

	private static final Log logger = LogFactory.getLog(ClassDataSharingPreparation.class);

	private static final Duration MAX_WAIT_FOR_FIRST_WORKERS = Duration.ofMinutes(5);

	private ClassDataSharingPreparation() {
	}

	public static void start(ClassDataArchive archive, JvmWorkerLauncher launcher, ClusterMaster master) {
		if (archive.isUsable()) {
			launcher.useArchive(archive);
			logger.info("Workers start from the cached " + archive.describe());
			return;
		}
		String stale = Files.exists(archive.file()) ? "The cached " + archive.describe()
				+ " is unusable (stale or broken); rebuilding it. " : "";
		Thread thread = new Thread(() -> prepare(archive, launcher, master, stale), "cluster-class-data-sharing");
		thread.setDaemon(true);
		thread.start();
	}

	private static void prepare(ClassDataArchive archive, JvmWorkerLauncher launcher, ClusterMaster master,
			String stale) {
		try {
			master.awaitFirstAllUp(MAX_WAIT_FOR_FIRST_WORKERS);
			logger.info(stale + "Preparing the " + archive.describe() + " with one training start of the "
					+ "application" + (archive.trainedOnWarmUp() ? " that serves the warm-up's requests" : "")
					+ "; workers started until it is ready start without it");
			long started = System.nanoTime();
			archive.prepare();
			logger.info("Class-data sharing ready after " + Durations.format(Duration.ofNanos(System.nanoTime()
					- started)) + ": workers started from now on use the " + archive.describe());
			launcher.useArchive(archive);
		}
		catch (IOException ex) {
			logger.warn("Workers start without class-data sharing: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
