package dev.clusterboot.leadership;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

/**
 * The master's one warning that leader-only scheduling stops at the pod's edge: on
 * Kubernetes, with leader-only {@code @Scheduled} methods and no shared lock, each pod's
 * master names a leader of its own, and each pod runs the jobs.
 *
 * @author cluster-spring-boot-starter
 */
public final class PerPodLeadership {

	private PerPodLeadership() {
	}

	/**
	 * Return the warning, when it applies.
	 * @param environment the master's environment, from which Boot tells the platform
	 * @param scheduling which {@code @Scheduled} methods run on the leader only
	 * @param leadership the leadership's properties
	 * @return the warning, or {@code null} off Kubernetes, without leader-only methods or
	 * with a shared lock
	 */
	public static @Nullable String warning(Environment environment, LeaderOnlyScheduling scheduling,
			ClusterLeadershipProperties leadership) {
		if (scheduling == LeaderOnlyScheduling.NONE || leadership.getLock() != null
				|| CloudPlatform.getActive(environment) != CloudPlatform.KUBERNETES) {
			return null;
		}
		return "On Kubernetes, leader-only @Scheduled methods run once per pod, not once for all pods: each pod's "
				+ "master names a leader of its own. For one leader across pods, set "
				+ ClusterLeadershipProperties.PREFIX + ".lock to the name of a lock in a LockRegistry bean that "
				+ "every pod shares (Spring Integration's JdbcLockRegistry or RedisLockRegistry)";
	}

}
