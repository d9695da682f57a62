package dev.clusterboot.priority;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.api.status.BootPriorityStatus;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.priority.BootPriorityPolicy.Processes;

/**
 * Applies the {@link BootPriorityPolicy} as the cluster changes: the master's loop hands
 * it every status it publishes, and each process whose nice value should change is
 * changed through {@link ThreadPriorities} on a thread of its own, so that a slow
 * {@code renice} never holds up the loop. A raise that the operating system refuses
 * turns {@link BootPriorityMode#LOWER_AND_RESTORE} into {@link BootPriorityMode#LOWER_ONLY},
 * with one warning.
 *
 * @author cluster-spring-boot-starter
 */
public final class BootPriority {

	private static final Log logger = LogFactory.getLog(BootPriority.class);

	private final ThreadPriorities priorities;

	/**
	 * The nice value asked for each process so far, by pid; loop thread only.
	 */
	private final Map<Long, Integer> asked = new HashMap<>();

	/**
	 * The processes that served at the last update; loop thread only.
	 */
	private Set<Long> serving = Set.of();

	private final Queue<Long> refusedRaises = new ConcurrentLinkedQueue<>();

	private final Executor applier;

	private BootPriorityPolicy policy;

	public BootPriority(BootPriorityPolicy policy, ThreadPriorities priorities) {
		this(policy, priorities, Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "cluster-boot-priority");
			thread.setDaemon(true);
			return thread;
		}));
	}

	/**
	 * Create a boot priority that applies changes on the given executor, one at a time
	 * and in order.
	 * @param policy the policy
	 * @param priorities changes a process's threads' nice value
	 * @param applier runs the changes
	 */
	BootPriority(BootPriorityPolicy policy, ThreadPriorities priorities, Executor applier) {
		this.policy = policy;
		this.priorities = priorities;
		this.applier = applier;
	}

	/**
	 * Bring every worker to the nice value the policy gives it; runs on the loop thread.
	 * @param status the status just published
	 */
	public void update(ClusterStatus status) {
		Long refused;
		while ((refused = this.refusedRaises.poll()) != null) {
			this.asked.put(refused, this.policy.servingNice());
			if (this.policy.mode() == BootPriorityMode.LOWER_AND_RESTORE) {
				logger.warn("The operating system refused to raise worker (pid " + refused + ") back to nice "
						+ this.policy.masterNice() + "; from now on serving workers stay at nice "
						+ this.policy.servingNice() + " and each newly ready worker joins them (" + BootPriorityMode.LOWER_ONLY
						+ ")");
				this.policy = this.policy.withMode(BootPriorityMode.LOWER_ONLY);
			}
		}
		Processes processes = Processes.of(status);
		this.serving = processes.serving();
		Map<Long, Integer> targets = this.policy.targets(processes, this.asked);
		this.asked.keySet().retainAll(targets.keySet());
		int masterNice = this.policy.masterNice();
		targets.forEach((pid, nice) -> {
			int before = this.asked.getOrDefault(pid, masterNice);
			if (before != nice) {
				this.asked.put(pid, nice);
				this.applier.execute(() -> apply(pid, before, nice));
			}
			else if (!this.asked.containsKey(pid)) {
				this.asked.put(pid, nice);
			}
		});
	}

	private void apply(long pid, int before, int nice) {
		boolean done = this.priorities.setNice(pid, nice);
		logger.debug("Worker (pid " + pid + ") nice " + before + " -> " + nice + (done ? "" : ": refused"));
		if (!done && nice < before) {
			this.refusedRaises.add(pid);
		}
	}

	/**
	 * Return what the master does to priorities, for its status; loop thread only.
	 * @return the status
	 */
	public BootPriorityStatus status() {
		boolean lowered = this.policy.servingNice() != this.policy.masterNice() && this.serving.stream()
			.anyMatch((pid) -> this.asked.getOrDefault(pid, this.policy.masterNice()) == this.policy.servingNice());
		return new BootPriorityStatus(this.policy.mode(), this.policy.servingNice(), this.policy.masterNice(),
				lowered, this.priorities.autogroups(), this.priorities.applicationThreadsNice());
	}

	/**
	 * Stop the thread that applies changes.
	 */
	public void close() {
		if (this.applier instanceof ExecutorService service) {
			service.shutdownNow();
		}
	}

}
