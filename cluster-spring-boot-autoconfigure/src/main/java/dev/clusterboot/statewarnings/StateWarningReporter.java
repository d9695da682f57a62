package dev.clusterboot.statewarnings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.api.StateDetector;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;

/**
 * Once the worker's context is ready, runs the {@link StateDetector detectors} and sends
 * what they found to the master, once, on the worker's {@link MasterLink}. The master,
 * not the worker, decides whether to warn: it knows how many workers run, and it warns
 * once for the whole cluster.
 * <p>
 * A detector that fails is skipped: looking for state must never stop a worker.
 *
 * @author cluster-spring-boot-starter
 */
public class StateWarningReporter implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StateWarningReporter.class);

	private final List<StateDetector> detectors;

	private final MasterLink master;

	private final AtomicBoolean reported = new AtomicBoolean();

	/**
	 * Create a reporter.
	 * @param detectors the detectors of the kinds that are not silenced
	 * @param master the worker's link to its master
	 */
	public StateWarningReporter(List<StateDetector> detectors, MasterLink master) {
		this.detectors = List.copyOf(detectors);
		this.master = master;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.reported.compareAndSet(false, true)) {
			return;
		}
		List<StateWarning> found = detect(event.getApplicationContext());
		if (!found.isEmpty()) {
			report(found);
		}
	}

	/**
	 * Send the master what this worker found, unless the worker is already leaving.
	 * @param warnings what the worker found
	 */
	public void report(List<StateWarning> warnings) {
		this.master.report(new ControlMessage.StateWarnings(List.copyOf(warnings)));
	}

	/**
	 * Run every detector on a context.
	 * @param context the worker's ready context
	 * @return what they found, in the detectors' order
	 */
	public List<StateWarning> detect(ApplicationContext context) {
		List<StateWarning> found = new ArrayList<>();
		for (StateDetector detector : this.detectors) {
			try {
				found.addAll(detector.detect(context));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not look for " + detector.kind() + " state", ex);
			}
		}
		return found;
	}

}
