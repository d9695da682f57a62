package dev.clusterboot.leadership;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.clusterboot.api.StateDetector;
import dev.clusterboot.api.status.StateWarning;
import dev.clusterboot.api.status.StateWarningKind;

/**
 * Finds {@code @Scheduled} methods, as Spring's {@link ScheduledTaskHolder} beans (the
 * {@code ScheduledAnnotationBeanPostProcessor} of {@code @EnableScheduling}) know them:
 * every worker runs each of them. A task is named as Spring names it, which for a
 * {@code @Scheduled} method is its class and method name; one finding names them all,
 * sorted, so that it reads the same in every worker. A method that runs on the cluster's
 * leader only ({@link LeaderOnlyScheduledAnnotationBeanPostProcessor}) runs once per
 * cluster, and is not a finding.
 *
 * @author cluster-spring-boot-starter
 */
public final class ScheduledMethodsDetector implements StateDetector {

	private static final int NAMED_AT_MOST = 5;

	/**
	 * The address in a lambda's class name ({@code Jobs$$Lambda/0x0000...}), which can
	 * differ from one worker to the next.
	 */
	private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]+");

	@Override
	public StateWarningKind kind() {
		return StateWarningKind.SCHEDULED_METHODS;
	}

	@Override
	public List<StateWarning> detect(ApplicationContext context) {
		Set<String> methods = new TreeSet<>();
		for (ScheduledTaskHolder holder : context.getBeansOfType(ScheduledTaskHolder.class, false, false).values()) {
			for (ScheduledTask task : holder.getScheduledTasks()) {
				if (holder instanceof LeaderOnlyScheduledAnnotationBeanPostProcessor processor
						&& processor.runsOnLeaderOnly(task)) {
					continue;
				}
				methods.add(HIDDEN_CLASS_SUFFIX.matcher(task.getTask().toString()).replaceAll(""));
			}
		}
		if (methods.isEmpty()) {
			return List.of();
		}
		String what = (methods.size() == 1) ? "@Scheduled method " + names(methods) + " runs"
				: methods.size() + " @Scheduled methods (" + names(methods) + ") run";
		return List.of(StateWarning.of(kind(), what + " in every worker: once per worker, not once per cluster"));
	}

	private static String names(Set<String> methods) {
		List<String> named = methods.stream().limit(NAMED_AT_MOST).toList();
		int more = methods.size() - named.size();
		return String.join(", ", named) + ((more > 0) ? " and " + more + " more" : "");
	}

}
