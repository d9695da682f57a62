package dev.clusterboot.master;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.channel.ClusterStatus;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.channel.RestartReason;
import dev.clusterboot.channel.WorkerExit;
import dev.clusterboot.channel.WorkerState;
import dev.clusterboot.master.RestartPolicy.Decision;

/**
 * The master: starts the workers, keeps them running under a {@link RestartPolicy}, and
 * stops them gracefully when asked.
 * <p>
 * Every change of state happens on one thread, the one that calls {@link #run()}: worker
 * exits, heartbeats and stop requests arrive from other threads as tasks on a queue, and
 * timers (restarts after a backoff, kills after the shutdown timeout) are checked between
 * tasks. After each step the master publishes an immutable {@link ClusterStatus} that the
 * control channel hands to workers without waiting for the loop.
 *
 * @author cluster-spring-boot-starter
 */
final class ClusterMaster {

	private static final Log logger = LogFactory.getLog(ClusterMaster.class);

	private static final Duration MAX_WAIT = Duration.ofSeconds(1);

	private final MasterSettings settings;

	private final RestartPolicy restartPolicy;

	private final Function<Path, WorkerLauncher> launchers;

	private final Clock clock;

	private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	private final Map<Integer, WorkerSlot> slots = new TreeMap<>();

	private final Map<RestartReason, Long> restarts = new EnumMap<>(RestartReason.class);

	private final Set<WorkerProcess> liveProcesses = ConcurrentHashMap.newKeySet();

	private final Map<ControlConnection, ControlMessage.Hello> workerConnections = new ConcurrentHashMap<>();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private final Instant startedAt;

	private volatile ClusterStatus status;

	private WorkerLauncher launcher = (slot) -> {
		throw new IllegalStateException("Master is not running");
	};

	private boolean stopping;

	private int exitCode;

	ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers) {
		this(settings, launchers, Clock.systemUTC());
	}

	ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers, Clock clock) {
		this.settings = settings;
		this.restartPolicy = settings.restartPolicy();
		this.launchers = launchers;
		this.clock = clock;
		this.startedAt = clock.instant();
		for (RestartReason reason : RestartReason.values()) {
			this.restarts.put(reason, 0L);
		}
		this.status = snapshot();
	}

	/**
	 * Start the workers and supervise them until a stop is requested and every worker has
	 * exited, or until every slot has failed.
	 * @return the exit code for the master's process: 0 after a requested stop, 1 when
	 * every slot failed
	 * @throws IOException if the control channel cannot be opened
	 */
	int run() throws IOException {
		try (ControlServer server = ControlServer.start(new ChannelHandler())) {
			this.launcher = this.launchers.apply(server.socket());
			logger.info("Cluster master (pid " + ProcessHandle.current().pid() + ") starting "
					+ this.settings.workers() + " workers on port " + this.settings.port());
			for (int id = 1; id <= this.settings.workers(); id++) {
				WorkerSlot slot = new WorkerSlot(id);
				this.slots.put(id, slot);
				start(slot);
			}
			loop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.liveProcesses.forEach(WorkerProcess::kill);
			this.exitCode = 1;
		}
		finally {
			this.terminated.countDown();
		}
		return this.exitCode;
	}

	private void loop() throws InterruptedException {
		while (!(this.stopping && this.slots.values().stream().noneMatch(WorkerSlot::isRunning))) {
			Runnable task = this.tasks.poll(waitTime().toMillis(), TimeUnit.MILLISECONDS);
			if (task != null) {
				task.run();
			}
			runDueTimers();
			this.status = snapshot();
		}
		logger.info("Cluster master stopped; every worker has exited");
	}

	/**
	 * Ask the master to stop every worker gracefully and then return from {@link #run()}.
	 * Safe to call from any thread, any number of times.
	 */
	void requestStop() {
		this.tasks.add(this::stopAll);
	}

	/**
	 * Stop the workers and wait for them, for a JVM shutdown that did not come through
	 * {@link #requestStop()}. Workers still alive after the shutdown timeout are killed.
	 */
	void stopAndWait() {
		requestStop();
		try {
			if (!this.terminated.await(this.settings.shutdownTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
				this.liveProcesses.forEach(WorkerProcess::kill);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.liveProcesses.forEach(WorkerProcess::kill);
		}
	}

	private void start(WorkerSlot slot) {
		Instant now = this.clock.instant();
		WorkerProcess process;
		try {
			process = this.launcher.launch(slot.id());
		}
		catch (IOException ex) {
			logger.error("Could not start worker " + slot.id() + "; giving up on it", ex);
			slot.failed(slot.failedStarts() + 1);
			stopIfEverySlotFailed();
			return;
		}
		slot.started(process, now);
		this.liveProcesses.add(process);
		process.onExit().whenComplete((code, ex) -> this.tasks.add(() -> exited(slot, process, code)));
		logger.info("Started worker " + slot.id() + " (pid " + process.pid() + ")");
	}

	private void exited(WorkerSlot slot, WorkerProcess process, Integer code) {
		this.liveProcesses.remove(process);
		if (slot.process() != process) {
			return;
		}
		Instant now = this.clock.instant();
		boolean expected = this.stopping || slot.state() == WorkerState.STOPPING;
		WorkerExit exit = WorkerExit.of(process.pid(), (code != null) ? code : -1, now,
				expected ? WorkerExit.STOPPED : WorkerExit.CRASH);
		Instant readyAt = slot.readyAt();
		slot.exited(exit);
		if (expected) {
			slot.stopped();
			logger.info("Worker " + slot.id() + " (pid " + process.pid() + ") stopped with " + exit.describe());
			return;
		}
		Decision decision = this.restartPolicy.onUnexpectedExit(readyAt, now, slot.failedStarts());
		if (decision instanceof Decision.Restart restart) {
			slot.backoff(now.plus(restart.delay()), restart.failedStarts());
			logger.warn("Worker " + slot.id() + " (pid " + process.pid() + ") exited unexpectedly with "
					+ exit.describe() + ((readyAt != null) ? "" : " before it was ready") + "; restarting it in "
					+ format(restart.delay()));
		}
		else {
			slot.failed(decision.failedStarts());
			logger.error("Worker " + slot.id() + " failed to start " + decision.failedStarts() + " times in a row "
					+ "(each time it exited before staying up for cluster.restart.stable-after="
					+ format(this.restartPolicy.stableAfter()) + "), last with " + exit.describe()
					+ "; no longer restarting it. Fix the cause shown in its output above, or raise "
					+ "cluster.restart.max-failed-starts (now " + this.restartPolicy.maxFailedStarts() + ").");
			stopIfEverySlotFailed();
		}
	}

	private void stopIfEverySlotFailed() {
		if (this.slots.values().stream().allMatch((slot) -> slot.state() == WorkerState.FAILED)) {
			logger.error("Every worker has failed; the cluster master exits with code 1");
			this.exitCode = 1;
			this.stopping = true;
		}
	}

	private void heartbeat(ControlMessage.Hello hello, ControlMessage.Heartbeat heartbeat) {
		WorkerSlot slot = this.slots.get(hello.worker());
		WorkerProcess process = (slot != null) ? slot.process() : null;
		if (process == null || process.pid() != hello.pid()) {
			return;
		}
		Instant now = this.clock.instant();
		if (slot.heartbeat(heartbeat.ready(), heartbeat.health(), now)) {
			Instant startedAt = slot.status().startedAt();
			String after = (startedAt != null) ? " after " + format(Duration.between(startedAt, now)) : "";
			logger.info("Worker " + slot.id() + " (pid " + process.pid() + ") is up" + after);
		}
	}

	private void stopAll() {
		if (this.stopping) {
			return;
		}
		this.stopping = true;
		Instant killAt = this.clock.instant().plus(this.settings.shutdownTimeout());
		for (WorkerSlot slot : this.slots.values()) {
			WorkerProcess process = slot.process();
			if (process != null) {
				slot.stopping(killAt);
				process.stop();
			}
			else if (slot.state() != WorkerState.FAILED) {
				slot.stopped();
			}
		}
	}

	private void runDueTimers() {
		Instant now = this.clock.instant();
		for (WorkerSlot slot : this.slots.values()) {
			Instant restartAt = slot.nextRestartAt();
			if (slot.state() == WorkerState.BACKOFF && restartAt != null && !now.isBefore(restartAt)) {
				this.restarts.merge(RestartReason.CRASH, 1L, Long::sum);
				slot.restarting(RestartReason.CRASH);
				start(slot);
			}
			Instant killAt = slot.killAt();
			WorkerProcess process = slot.process();
			if (killAt != null && process != null && !now.isBefore(killAt)) {
				logger.warn("Worker " + slot.id() + " (pid " + process.pid() + ") did not stop within "
						+ "cluster.shutdown.timeout=" + format(this.settings.shutdownTimeout()) + "; killing it");
				slot.killed();
				process.kill();
			}
		}
	}

	private Duration waitTime() {
		Instant now = this.clock.instant();
		Duration wait = MAX_WAIT;
		for (WorkerSlot slot : this.slots.values()) {
			for (Instant due : new Instant[] { slot.nextRestartAt(), slot.killAt() }) {
				if (due != null && Duration.between(now, due).compareTo(wait) < 0) {
					wait = Duration.between(now, due);
				}
			}
		}
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	private ClusterStatus snapshot() {
		List<dev.clusterboot.channel.WorkerStatus> workers = this.slots.values()
			.stream()
			.map(WorkerSlot::status)
			.toList();
		return new ClusterStatus(ProcessHandle.current().pid(), this.settings.port(), this.settings.workers(),
				this.startedAt, this.clock.instant(), workers, Collections.unmodifiableMap(new EnumMap<>(this.restarts)));
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 1000) ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
	}

	/**
	 * Receives the workers' messages on the control channel's threads.
	 */
	private final class ChannelHandler implements ControlServer.Handler {

		@Override
		public void onMessage(ControlConnection connection, ControlMessage message) {
			if (message instanceof ControlMessage.Hello hello) {
				ClusterMaster.this.workerConnections.put(connection, hello);
			}
			else if (message instanceof ControlMessage.Heartbeat heartbeat) {
				ControlMessage.Hello hello = ClusterMaster.this.workerConnections.get(connection);
				if (hello != null) {
					ClusterMaster.this.tasks.add(() -> heartbeat(hello, heartbeat));
				}
			}
			else if (message instanceof ControlMessage.StatusRequest) {
				try {
					connection.send(new ControlMessage.StatusReply(ClusterMaster.this.status));
				}
				catch (IOException ex) {
					logger.trace("Could not answer a status request", ex);
				}
			}
		}

		@Override
		public void onClosed(ControlConnection connection) {
			ClusterMaster.this.workerConnections.remove(connection);
		}

	}

}
