package dev.clusterboot.leadership;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;

/**
 * Spring's {@code @Scheduled} processor, whose runnable for each method that
 * {@link LeaderOnlyScheduling} picks runs only on the cluster's leader. Everything else
 * is Spring's: the triggers, the scheduler, the observations, the tasks that
 * {@code /actuator/scheduledtasks} lists. It uses the hook Spring gives for custom
 * runnable adapters, {@link #createRunnable(Object, Method, String)}.
 *
 * @author cluster-spring-boot-starter
 */
public class LeaderOnlyScheduledAnnotationBeanPostProcessor extends ScheduledAnnotationBeanPostProcessor {

	private final LeaderOnlyScheduling scheduling;

	private final BooleanSupplier leader;

	private final Set<String> leaderOnly = ConcurrentHashMap.newKeySet();

	/**
	 * Create the processor.
	 * @param scheduling which methods run on the leader only
	 * @param leader whether this worker is the leader now, asked at each run
	 */
	public LeaderOnlyScheduledAnnotationBeanPostProcessor(LeaderOnlyScheduling scheduling, BooleanSupplier leader) {
		this.scheduling = scheduling;
		this.leader = leader;
	}

	@Override
	protected Runnable createRunnable(Object target, Method method, @Nullable String qualifier) {
		Runnable runnable = super.createRunnable(target, method, qualifier);
		if (!this.scheduling.appliesTo(method)) {
			return runnable;
		}
		this.leaderOnly.add(runnable.toString());
		return new LeaderOnlyRunnable(runnable, this.leader);
	}

	/**
	 * Return whether one of this processor's tasks runs on the leader only.
	 * @param task the task
	 * @return {@code true} for a leader-only method's task
	 */
	public boolean runsOnLeaderOnly(ScheduledTask task) {
		return this.leaderOnly.contains(task.getTask().toString());
	}

}
