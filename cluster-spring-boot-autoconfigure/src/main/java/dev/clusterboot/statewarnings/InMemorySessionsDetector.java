package dev.clusterboot.statewarnings;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;

/**
 * Finds HTTP sessions kept in the worker's memory when the application creates its
 * first one: the servlet container keeps them unless Spring Session provides a
 * {@code SessionRepository}. Found at the first session rather than at startup, because
 * a servlet application that never creates a session (a stateless REST API) has no state
 * to lose, and warning it would be a false alarm. Registered with the servlet container
 * as an {@link HttpSessionListener}, which Boot does for listener beans.
 *
 * @author cluster-spring-boot-starter
 */
public final class InMemorySessionsDetector implements HttpSessionListener {

	private static final String SESSION_REPOSITORY = "org.springframework.session.SessionRepository";

	private final ListableBeanFactory beans;

	private final Consumer<List<StateWarning>> report;

	private final AtomicBoolean reported = new AtomicBoolean();

	/**
	 * Create a detector.
	 * @param beans the worker's beans, to tell whether Spring Session keeps the sessions
	 * @param report sends a finding to the master (the {@link StateWarningReporter})
	 */
	public InMemorySessionsDetector(ListableBeanFactory beans, Consumer<List<StateWarning>> report) {
		this.beans = beans;
		this.report = report;
	}

	@Override
	public void sessionCreated(HttpSessionEvent event) {
		if (this.reported.compareAndSet(false, true) && !springSessionInUse()) {
			this.report.accept(List.of(StateWarning.of(StateWarningKind.SESSIONS, "HTTP sessions are kept in each "
					+ "worker's memory (a servlet application without Spring Session created one), so a request that "
					+ "another worker answers does not see its session")));
		}
	}

	private boolean springSessionInUse() {
		ClassLoader classLoader = getClass().getClassLoader();
		return ClassUtils.isPresent(SESSION_REPOSITORY, classLoader) && this.beans
			.getBeanNamesForType(ClassUtils.resolveClassName(SESSION_REPOSITORY, classLoader), true, false).length > 0;
	}

}
