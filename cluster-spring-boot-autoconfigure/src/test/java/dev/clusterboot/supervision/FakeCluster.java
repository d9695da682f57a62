package dev.clusterboot.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.api.status.MasterStatus;
import dev.clusterboot.api.status.WorkerHealth;
import dev.clusterboot.api.status.WorkerReport;
import dev.clusterboot.api.status.WorkerStatus;
import dev.clusterboot.channel.ControlMessage;

/**
 * A {@link Supervisor} with fake processes and a time that moves only when the test says
 * so. Defaults: 500 ms initial backoff doubling up to 4 s, stable after 30 s, 3 failed
 * starts; 30 s boot timeout, 10 s heartbeat timeout, 1 s drain, 35 s shutdown timeout.
 */
public final class FakeCluster {

	private final List<FakeProcess> launched = new ArrayList<>();

	/**
	 * Every message the master sent to any process, in order, as "type pid".
	 */
	final List<String> told = new ArrayList<>();

	private final Map<FakeProcess, WorkerReport> reporting = new LinkedHashMap<>();

	private Instant now = Instant.parse("2026-12-01T10:00:00Z");

	private @Nullable MasterSettings settings;

	private MasterSettings.Recycling recycling = new MasterSettings.Recycling(0, 0, 0);

	private int standbyWorkers;

	private MasterSettings.Steering steering = MasterSettings.Steering.OFF;

	private final List<FakeProcess> standbys = new ArrayList<>();

	private @Nullable Supervisor supervisor;

	private @Nullable String sharedLock;

	static MasterSettings settings(int workers) {
		return settings(workers, new MasterSettings.Recycling(0, 0, 0));
	}

	static MasterSettings settings(int workers, MasterSettings.Recycling recycling) {
		return new MasterSettings(workers, 8080, true,
				new MasterSettings.Restart(Duration.ofMillis(500), Duration.ofSeconds(4), 2.0, Duration.ofSeconds(30), 3),
				new MasterSettings.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1),
						Duration.ofSeconds(35)),
				recycling);
	}

	FakeCluster recycling(MasterSettings.Recycling recycling) {
		this.recycling = recycling;
		return this;
	}

	public FakeCluster standbyWorkers(int standbyWorkers) {
		this.standbyWorkers = standbyWorkers;
		return this;
	}

	FakeCluster steering(MasterSettings.Steering steering) {
		this.steering = steering;
		return this;
	}

	FakeCluster sharedLock(String sharedLock) {
		this.sharedLock = sharedLock;
		return this;
	}

	FakeCluster settings(MasterSettings settings) {
		this.settings = settings;
		return this;
	}

	public void start(int workers) {
		MasterSettings base = (this.settings != null) ? this.settings : settings(workers, this.recycling);
		MasterSettings resolved = new MasterSettings(base.workers(), base.port(), base.connectionMigration(),
				base.restart(), base.timeouts(), base.recycling(), this.standbyWorkers, this.steering,
				(this.sharedLock != null) ? this.sharedLock : base.sharedLock());
		this.supervisor = new Supervisor(resolved, new WorkerLauncher() {

			@Override
			public WorkerProcess launch(int slot) {
				return launched();
			}

			@Override
			public WorkerProcess launchStandby() {
				FakeProcess process = launched();
				FakeCluster.this.standbys.add(process);
				return process;
			}

			private FakeProcess launched() {
				FakeProcess process = new FakeProcess(1000 + FakeCluster.this.launched.size() + 1, FakeCluster.this.told);
				FakeCluster.this.launched.add(process);
				return process;
			}

		});
		this.supervisor.operations().start(this.now);
	}

	public Supervisor supervisor() {
		return this.supervisor;
	}

	public Operations operations() {
		return this.supervisor.operations();
	}

	public Instant now() {
		return this.now;
	}

	List<FakeProcess> launched() {
		return this.launched;
	}

	/**
	 * Return the n-th process launched, from 1.
	 */
	public FakeProcess process(int n) {
		return this.launched.get(n - 1);
	}

	/**
	 * Connect the n-th process launched and have it report itself ready.
	 */
	public FakeProcess up(int n) {
		FakeProcess process = process(n);
		this.supervisor.connected(new ControlMessage.Hello(0, process.pid(), process.launchToken()), process);
		report(process, 0, null);
		return process;
	}

	/**
	 * Return the standby processes launched so far, in launch order.
	 */
	public List<FakeProcess> standbys() {
		return this.standbys;
	}

	/**
	 * Connect a standby process and have it report that it stands by.
	 */
	FakeProcess standingBy(FakeProcess process) {
		this.supervisor.connected(new ControlMessage.Hello(0, process.pid(), process.launchToken()), process);
		WorkerReport report = new WorkerReport(false, WorkerHealth.UP, 0, null, true);
		this.reporting.put(process, report);
		this.supervisor.heartbeat(process.pid(), report, this.now);
		return process;
	}

	/**
	 * Have a process that was told to join report itself ready.
	 */
	void joined(FakeProcess process) {
		report(process, 0, null);
	}

	void report(FakeProcess process, long requests, @Nullable Long heapAfterGc) {
		WorkerReport report = new WorkerReport(true, WorkerHealth.UP, requests, heapAfterGc);
		this.reporting.put(process, report);
		this.supervisor.heartbeat(process.pid(), report, this.now);
	}

	public void exit(FakeProcess process, int code) {
		process.exit.complete(code);
		this.supervisor.exited(process, code, this.now);
	}

	/**
	 * Let time pass, keeping every ready process's heartbeats coming.
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
		this.reporting.forEach((process, report) -> {
			if (process.isAlive() && !process.silent) {
				this.supervisor.heartbeat(process.pid(), report, this.now);
			}
		});
		this.supervisor.operations().tick(this.now);
	}

	public ClusterStatus status() {
		return this.supervisor.status(new MasterStatus(1, 8080, Instant.EPOCH, 0, true), Map.of(), this.now);
	}

	WorkerStatus worker(int id) {
		return status().worker(id);
	}

}
