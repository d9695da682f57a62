package dev.clusterboot.api;

import java.util.List;

import org.springframework.context.ApplicationContext;

import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;

/**
 * Finds one kind of state that a worker keeps on its own, in the beans of its ready
 * context. A detector only looks: it opens no connection and changes no bean.
 *
 * @author cluster-spring-boot-starter
 */
public interface StateDetector {

	/**
	 * Return the kind of state this detector finds.
	 * @return the kind, whose property silences the detector
	 */
	StateWarningKind kind();

	/**
	 * Look for the state in a context whose refresh has finished.
	 * @param context the worker's application context
	 * @return what was found, or an empty list
	 */
	List<StateWarning> detect(ApplicationContext context);

}
