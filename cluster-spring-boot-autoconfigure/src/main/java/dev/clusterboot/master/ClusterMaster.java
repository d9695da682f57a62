package dev.clusterboot.master;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.autoconfigure.ClusterProperties;
import dev.clusterboot.channel.ClusterStatus;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.channel.RestartReason;
import dev.clusterboot.channel.WorkerExit;
import dev.clusterboot.channel.WorkerState;
import dev.clusterboot.master.RestartPolicy.Decision;

/**
 * The master: starts the workers, keeps them running under a {@link RestartPolicy},
 * replaces them without dropping a connection (rolling restarts, recycling, scaling), and
 * stops them gracefully when asked.
 * <p>
 * Every change of state happens on one thread, the one that calls {@link #run()}: worker
 * exits, heartbeats, operator commands and stop requests arrive from other threads as
 * tasks on a queue, and timers (restarts after a backoff, boot and heartbeat timeouts,
 * kills after the shutdown timeout) are checked between tasks. After each step the master
 * publishes an immutable {@link ClusterStatus} that the control channel hands to workers
 * without waiting for the loop.
 * <p>
 * A replacement always starts first and must be ready before the worker it replaces is
 * drained: that worker leaves the port's group, serves what it had accepted for
 * {@code cluster.shutdown.drain-period}, then runs Boot's graceful shutdown. Only one
 * replacement runs at a time.
 *
 * @author cluster-spring-boot-starter
 */
final class ClusterMaster {

	private static final Log logger = LogFactory.getLog(ClusterMaster.class);

	private static final Duration MAX_WAIT = Duration.ofMillis(500);

	private final MasterSettings settings;

	private final RestartPolicy restartPolicy;

	private final WorkerTimeouts timeouts;

	private final Function<Path, WorkerLauncher> launchers;

	private final Clock clock;

	private final Random random = new Random();

	private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	private final Map<Integer, WorkerSlot> slots = new TreeMap<>();

	private final List<WorkerRun> retiring = new ArrayList<>();

	private final Map<RestartReason, Long> restarts = new EnumMap<>(RestartReason.class);

	private final Set<WorkerProcess> liveProcesses = ConcurrentHashMap.newKeySet();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private final CountDownLatch firstAllUp = new CountDownLatch(1);

	private final Instant startedAt;

	private volatile ClusterStatus status;

	private WorkerLauncher launcher = (slot) -> {
		throw new IllegalStateException("Master is not running");
	};

	private int desiredWorkers;

	private @Nullable Rollout rollout;

	private boolean stopping;

	private int exitCode;

	ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers) {
		this(settings, launchers, Clock.systemUTC());
	}

	ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers, Clock clock) {
		this.settings = settings;
		this.restartPolicy = settings.restartPolicy();
		this.timeouts = new WorkerTimeouts(settings);
		this.launchers = launchers;
		this.clock = clock;
		this.startedAt = clock.instant();
		this.desiredWorkers = settings.workers();
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
		try (ControlServer server = ControlServer.start(new MasterChannelHandler(this))) {
			this.launcher = this.launchers.apply(server.socket());
			logger.info("Cluster master (pid " + ProcessHandle.current().pid() + ") starting "
					+ this.settings.workers() + " workers"
					+ ((this.settings.port() > 0) ? " on port " + this.settings.port() : " without a port"));
			if (this.settings.port() > 0 && Boolean.FALSE.equals(this.settings.connectionMigration())) {
				logger.warn(ConnectionMigration.advice());
			}
			for (int id = 1; id <= this.settings.workers(); id++) {
				addSlot(id);
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
		// every run, current, replacement or retiring, is in liveProcesses until its exit is handled
		while (!(this.stopping && this.liveProcesses.isEmpty())) {
			Runnable task = this.tasks.poll(waitTime().toMillis(), TimeUnit.MILLISECONDS);
			if (task != null) {
				task.run();
			}
			runDueTimers();
			this.status = snapshot();
			if (this.status.count(WorkerState.UP) >= this.desiredWorkers) {
				this.firstAllUp.countDown();
			}
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
	 * Ask the master to replace every worker, one at a time. Safe to call from any
	 * thread; a request while a rollout runs leaves that rollout alone.
	 */
	void requestRollingRestart() {
		this.tasks.add(this::startRollingRestart);
	}

	/**
	 * Ask the master to run one more or one fewer worker, within {@code cluster.workers}
	 * bounds. Safe to call from any thread.
	 * @param delta {@code +1} or {@code -1}
	 */
	void requestScaleBy(int delta) {
		this.tasks.add(() -> scale(this.desiredWorkers + delta));
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

	/**
	 * Wait until every desired worker has been up at once, for work that should not
	 * compete with the first workers' start.
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitFirstAllUp(Duration timeout) throws InterruptedException {
		this.firstAllUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Return the latest published status.
	 * @return the cluster's status
	 */
	ClusterStatus status() {
		return this.status;
	}

	/**
	 * Run a task on the loop thread.
	 * @param task the task
	 */
	void submit(Runnable task) {
		this.tasks.add(task);
	}

	/**
	 * Publish the status now; runs on the loop thread.
	 */
	void publish() {
		this.status = snapshot();
	}

	private void addSlot(int id) {
		WorkerSlot slot = new WorkerSlot(id);
		this.slots.put(id, slot);
		start(slot);
	}

	private void start(WorkerSlot slot) {
		WorkerRun run = launch(slot, "worker " + slot.id());
		if (run == null) {
			slot.failed(slot.failedStarts() + 1);
			stopIfEverySlotFailed();
			return;
		}
		slot.started(run);
	}

	private void startReplacement(WorkerSlot slot, RestartReason reason) {
		WorkerRun run = launch(slot, "a replacement for worker " + slot.id() + " (" + reason.tagValue() + ")");
		if (run == null) {
			replacementFailed(slot, "could not start a replacement for worker " + slot.id());
			return;
		}
		slot.replacing(run, reason);
	}

	private @Nullable WorkerRun launch(WorkerSlot slot, String what) {
		WorkerProcess process;
		try {
			process = this.launcher.launch(slot.id());
		}
		catch (IOException ex) {
			logger.error("Could not start " + what, ex);
			return null;
		}
		WorkerRun run = new WorkerRun(process, this.clock.instant(), requestLimit());
		this.liveProcesses.add(process);
		process.onExit().whenComplete((code, ex) -> this.tasks.add(() -> exited(run, code)));
		logger.info("Started " + what + " (pid " + process.pid() + ")");
		return run;
	}

	private long requestLimit() {
		long max = this.settings.maxRequests();
		long jitter = this.settings.maxRequestsJitter();
		return (max > 0 && jitter > 0) ? max + (long) (this.random.nextDouble() * (jitter + 1)) : max;
	}

	private void exited(WorkerRun run, @Nullable Integer code) {
		this.liveProcesses.remove(run.process());
		Instant now = this.clock.instant();
		int exitCode = (code != null) ? code : -1;
		if (this.retiring.remove(run)) {
			logger.info("Drained worker (pid " + run.pid() + ") stopped with "
					+ WorkerExit.of(run.pid(), exitCode, now, WorkerExit.STOPPED).describe());
			return;
		}
		WorkerSlot slot = slotOf(run);
		if (slot == null) {
			return;
		}
		if (run == slot.replacement()) {
			RestartReason killed = run.killReason();
			WorkerExit exit = WorkerExit.of(run.pid(), exitCode, now,
					(killed != null) ? killed.tagValue() : WorkerExit.CRASH);
			slot.replacementEnded(exit);
			replacementFailed(slot, "the replacement for worker " + slot.id() + " (pid " + run.pid() + ") "
					+ ((killed == RestartReason.BOOT_TIMEOUT) ? "did not become ready within cluster.worker.boot-timeout="
							+ format(this.settings.bootTimeout())
							: "exited with " + exit.describe() + " before it was ready"));
			return;
		}
		boolean expected = this.stopping || slot.state() == WorkerState.STOPPING;
		RestartReason reason = (run.killReason() != null) ? run.killReason() : RestartReason.CRASH;
		WorkerExit exit = WorkerExit.of(run.pid(), exitCode, now, expected ? WorkerExit.STOPPED : reason.tagValue());
		slot.exited(exit);
		if (expected) {
			slot.stopped();
			logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") stopped with " + exit.describe());
			return;
		}
		abandonReplacement(slot, "worker " + slot.id() + " exited while it was being replaced");
		if (exitCode == WorkerExit.CONFIGURATION_ERROR && !run.isReady()) {
			slot.failed(slot.failedStarts() + 1);
			logger.error("Worker " + slot.id() + " (pid " + run.pid() + ") stopped with a configuration error ("
					+ exit.describe() + ") before it was ready; starting it again cannot help, so it is not "
					+ "restarted. Fix the cause shown in its output above.");
			stopIfEverySlotFailed();
			return;
		}
		Decision decision = this.restartPolicy.onUnexpectedExit(run.readyAt(), now, slot.failedStarts());
		if (decision instanceof Decision.Restart restart) {
			slot.backoff(now.plus(restart.delay()), restart.failedStarts(), reason);
			logger.warn("Worker " + slot.id() + " (pid " + run.pid() + ") exited unexpectedly with " + exit.describe()
					+ " (" + reason.tagValue() + ")" + (run.isReady() ? "" : " before it was ready")
					+ "; restarting it in " + format(restart.delay()));
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

	private void replacementFailed(WorkerSlot slot, String why) {
		Rollout current = this.rollout;
		if (current != null && current.isRunning()) {
			current.failed(why, this.clock.instant());
			logger.error("Rolling restart stopped: " + why + ". Worker " + slot.id()
					+ " and the workers not yet replaced keep serving.");
		}
		else {
			logger.error("Replacing worker " + slot.id() + " failed: " + why + ". The worker keeps serving.");
		}
	}

	private void abandonReplacement(WorkerSlot slot, String why) {
		WorkerRun replacement = slot.replacement();
		if (replacement != null) {
			slot.replacementEnded(WorkerExit.of(replacement.pid(), -1, this.clock.instant(), WorkerExit.STOPPED));
			this.retiring.add(replacement);
			replacement.process().kill();
			replacementFailed(slot, why);
		}
	}

	private void stopIfEverySlotFailed() {
		if (this.slots.values().stream().allMatch((slot) -> slot.state() == WorkerState.FAILED)) {
			logger.error("Every worker has failed; the cluster master exits with code 1");
			this.exitCode = 1;
			this.stopping = true;
		}
	}

	/**
	 * Handle a worker's first message; runs on the loop thread.
	 */
	void connected(ControlConnection connection, ControlMessage.Hello hello) {
		WorkerRun run = runOf(hello.pid());
		if (run != null) {
			run.connected(connection);
		}
	}

	/**
	 * Handle a worker's heartbeat; runs on the loop thread.
	 */
	void heartbeat(ControlMessage.Hello hello, ControlMessage.Heartbeat heartbeat) {
		WorkerRun run = runOf(hello.pid());
		if (run == null || !run.heartbeat(heartbeat, this.clock.instant())) {
			return;
		}
		WorkerSlot slot = slotOf(run);
		String after = " after " + format(Duration.between(run.startedAt(), this.clock.instant()));
		if (slot != null && run == slot.current() && slot.state() == WorkerState.STARTING) {
			slot.up();
			logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") is up" + after);
		}
		else if (slot != null && run == slot.replacement()) {
			RestartReason reason = slot.replacementReason();
			WorkerRun old = slot.promoteReplacement();
			this.restarts.merge(reason, 1L, Long::sum);
			logger.info("Worker " + slot.id() + " replaced (" + reason.tagValue() + "): pid " + run.pid() + " is up"
					+ after + ((old != null) ? "; draining pid " + old.pid() : ""));
			if (old != null) {
				retire(old);
			}
			Rollout current = this.rollout;
			if (current != null && current.isRunning() && Integer.valueOf(slot.id()).equals(current.current())) {
				current.replaced();
			}
		}
	}

	private void retire(WorkerRun run) {
		this.retiring.add(run);
		drain(run);
	}

	private void drain(WorkerRun run) {
		Duration drainPeriod = this.settings.drainPeriod();
		run.killAt(this.clock.instant().plus(drainPeriod).plus(this.settings.shutdownTimeout()));
		ControlConnection connection = run.connection();
		try {
			if (connection != null) {
				connection.send(new ControlMessage.Drain(drainPeriod.toMillis()));
				return;
			}
		}
		catch (IOException ex) {
			logger.debug("Could not ask worker (pid " + run.pid() + ") to drain; stopping it with SIGTERM", ex);
		}
		run.process().stop();
	}

	/**
	 * Start a rolling restart unless one runs; runs on the loop thread.
	 */
	void startRollingRestart() {
		if (this.stopping || (this.rollout != null && this.rollout.isRunning())) {
			return;
		}
		this.rollout = new Rollout(this.slots.keySet(), this.clock.instant());
		logger.info("Rolling restart of " + this.slots.size() + " workers started");
	}

	/**
	 * Set the number of workers; runs on the loop thread.
	 */
	void scale(int workers) {
		if (this.stopping || workers < 1 || workers > ClusterProperties.MAX_WORKERS) {
			logger.warn("Not scaling to " + workers + " workers: cluster.workers allows 1 to "
					+ ClusterProperties.MAX_WORKERS);
			return;
		}
		int from = this.slots.size();
		for (int id = from + 1; id <= workers; id++) {
			this.restarts.merge(RestartReason.SCALE, 1L, Long::sum);
			addSlot(id);
		}
		for (int id = from; id > workers; id--) {
			WorkerSlot slot = this.slots.remove(id);
			abandonReplacement(slot, "worker " + id + " was removed by scaling down");
			WorkerRun run = slot.current();
			if (run != null) {
				retire(run);
			}
			this.restarts.merge(RestartReason.SCALE, 1L, Long::sum);
		}
		if (workers != from) {
			logger.info("Scaling from " + from + " to " + workers + " workers");
		}
		this.desiredWorkers = workers;
	}

	private void stopAll() {
		if (this.stopping) {
			return;
		}
		this.stopping = true;
		Instant killAt = this.clock.instant().plus(this.settings.shutdownTimeout());
		for (WorkerSlot slot : this.slots.values()) {
			Stream.of(slot.current(), slot.replacement()).filter((run) -> run != null).forEach((run) -> {
				run.killAt(killAt);
				run.process().stop();
			});
			if (slot.isRunning()) {
				slot.stopping();
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
				RestartReason reason = slot.nextRestartReason();
				this.restarts.merge(reason, 1L, Long::sum);
				slot.restarting(reason);
				start(slot);
			}
			boolean leaving = this.stopping || slot.state() == WorkerState.STOPPING;
			this.timeouts.check(slot.id(), slot.current(), now, leaving);
			this.timeouts.check(slot.id(), slot.replacement(), now, leaving);
		}
		for (WorkerRun run : this.retiring) {
			this.timeouts.killIfDue(run, now);
		}
		if (!this.stopping) {
			advanceRollout(now);
			recycleIfDue();
		}
	}

	private void advanceRollout(Instant now) {
		Rollout current = this.rollout;
		if (current == null || !current.isRunning() || replacementInProgress()) {
			return;
		}
		Integer next;
		while ((next = current.next()) != null) {
			WorkerSlot slot = this.slots.get(next);
			if (slot != null && slot.state() == WorkerState.UP) {
				startReplacement(slot, RestartReason.ROLLING);
				return;
			}
		}
		current.completed(now);
		logger.info("Rolling restart completed: " + current.status().replaced() + " workers replaced");
	}

	private void recycleIfDue() {
		if (replacementInProgress() || (this.rollout != null && this.rollout.isRunning())) {
			return;
		}
		for (WorkerSlot slot : this.slots.values()) {
			WorkerRun run = slot.current();
			if (slot.state() != WorkerState.UP || run == null) {
				continue;
			}
			if (run.reachedRequestLimit()) {
				logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") served " + run.requests()
						+ " requests (cluster.worker.max-requests); replacing it");
				startReplacement(slot, RestartReason.REQUESTS);
				return;
			}
			long maxHeap = this.settings.maxHeapAfterGc();
			if (maxHeap > 0 && run.heapAfterGc() > maxHeap) {
				logger.info("Worker " + slot.id() + " (pid " + run.pid() + ") holds " + run.heapAfterGc()
						+ " bytes of heap after GC, over cluster.worker.max-memory=" + maxHeap + "; replacing it");
				startReplacement(slot, RestartReason.MEMORY);
				return;
			}
		}
	}

	private boolean replacementInProgress() {
		return this.slots.values().stream().anyMatch((slot) -> slot.replacement() != null);
	}

	private @Nullable WorkerRun runOf(long pid) {
		for (WorkerSlot slot : this.slots.values()) {
			for (WorkerRun run : new WorkerRun[] { slot.current(), slot.replacement() }) {
				if (run != null && run.pid() == pid) {
					return run;
				}
			}
		}
		return this.retiring.stream().filter((run) -> run.pid() == pid).findFirst().orElse(null);
	}

	private @Nullable WorkerSlot slotOf(WorkerRun run) {
		return this.slots.values()
			.stream()
			.filter((slot) -> slot.current() == run || slot.replacement() == run)
			.findFirst()
			.orElse(null);
	}

	private Duration waitTime() {
		Instant now = this.clock.instant();
		Duration wait = MAX_WAIT;
		for (WorkerSlot slot : this.slots.values()) {
			Instant due = slot.nextRestartAt();
			if (due != null && Duration.between(now, due).compareTo(wait) < 0) {
				wait = Duration.between(now, due);
			}
		}
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	private ClusterStatus snapshot() {
		return new ClusterStatus(ProcessHandle.current().pid(), this.settings.port(), this.desiredWorkers,
				this.startedAt, this.clock.instant(), this.slots.values().stream().map(WorkerSlot::status).toList(),
				Collections.unmodifiableMap(new EnumMap<>(this.restarts)), this.settings.connectionMigration(),
				(this.rollout != null) ? this.rollout.status() : null);
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 1000) ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
	}

}
