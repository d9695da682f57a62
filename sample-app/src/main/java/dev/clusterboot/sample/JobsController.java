package dev.clusterboot.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.ClusterRole;

/**
 * {@code GET /jobs}: proves over HTTP that {@link ReportJob} runs on the leader only. Ask a
 * few times: the leader answers with its runs, every other worker with none.
 *
 * @author cluster-spring-boot-starter
 */
@RestController
class JobsController {

	private final ReportJob job;

	private final ObjectProvider<ClusterLeadership> leadership;

	JobsController(ReportJob job, ObjectProvider<ClusterLeadership> leadership) {
		this.job = job;
		this.leadership = leadership;
	}

	@GetMapping("/jobs")
	Jobs jobs() {
		ClusterLeadership current = this.leadership.getIfAvailable();
		Integer worker = ClusterRole.currentWorkerId();
		// outside cluster mode there is no leadership: the one process runs every job
		return new Jobs((worker != null) ? worker : 0, ProcessHandle.current().pid(),
				(current == null) || current.isLeader(), this.job.runs(), this.job.lastRunAt());
	}

	/**
	 * What this worker did of the report job.
	 *
	 * @param worker this worker's slot id, 0 outside cluster mode
	 * @param pid this worker's process id
	 * @param leader whether this worker is the cluster's leader
	 * @param runs how many times the job ran in this worker
	 * @param lastRunAt when it last ran here, or {@code null}
	 */
	record Jobs(int worker, long pid, boolean leader, long runs, @Nullable Instant lastRunAt) {
	}

}
