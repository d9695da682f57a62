package dev.clusterboot.statewarnings;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.StateWarning;

/**
 * What the workers found of state each keeps on its own, kept once for the whole
 * cluster: each finding is logged as one WARN line the first time it matters, that is
 * once more than one worker runs, however many workers report it.
 *
 * @author cluster-spring-boot-starter
 */
public final class StateWarnings {

	private static final Log logger = LogFactory.getLog(StateWarnings.class);

	private final Set<StateWarning> found = new LinkedHashSet<>();

	private final Set<StateWarning> logged = new HashSet<>();

	/**
	 * Add what a worker found, and log what was not logged yet.
	 * @param warnings the worker's findings
	 * @param workers how many workers the cluster runs
	 */
	public void add(List<StateWarning> warnings, int workers) {
		this.found.addAll(warnings);
		if (workers > 1) {
			for (StateWarning warning : this.found) {
				if (this.logged.add(warning)) {
					logger.warn("State not shared by the " + workers + " workers: " + warning.describe());
				}
			}
		}
	}

	/**
	 * Return the findings to show, none while one worker runs.
	 * @param workers how many workers the cluster runs
	 * @return the findings in the order first seen
	 */
	public List<StateWarning> shown(int workers) {
		return (workers > 1) ? List.copyOf(this.found) : List.of();
	}

}
