package dev.clusterboot.worker;

import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import dev.clusterboot.api.StateWarning;
import dev.clusterboot.api.StateWarningKind;

/**
 * Finds HTTP sessions kept in the worker's memory: in a servlet web application, which
 * the auto-configuration checks before it creates this detector, the sessions stay in
 * the servlet container unless Spring Session provides a {@code SessionRepository}.
 *
 * @author cluster-spring-boot-starter
 */
public final class InMemorySessionsDetector implements StateDetector {

	private static final String SESSION_REPOSITORY = "org.springframework.session.SessionRepository";

	@Override
	public StateWarningKind kind() {
		return StateWarningKind.SESSIONS;
	}

	@Override
	public List<StateWarning> detect(ApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		if (ClassUtils.isPresent(SESSION_REPOSITORY, classLoader)
				&& context.getBeanNamesForType(ClassUtils.resolveClassName(SESSION_REPOSITORY, classLoader), true,
						false).length > 0) {
			return List.of();
		}
		return List.of(StateWarning.of(kind(), "HTTP sessions are kept in each worker's memory (a servlet "
				+ "application without Spring Session), so a request that another worker answers does not see "
				+ "its session"));
	}

}
