package dev.clusterboot.master;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.clusterboot.channel.ClusterStatus;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.RolloutStatus;
import dev.clusterboot.channel.WorkerExit;
import dev.clusterboot.channel.WorkerState;
import dev.clusterboot.channel.WorkerStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterMaster}'s timeouts and replacement order, with fake worker
 * processes and a clock the test moves by hand. Heartbeats travel over the real control
 * socket.
 */
class ClusterMasterTests {

	private static final AtomicLong pids = new AtomicLong(1L << 30);

	private final MovableClock clock = new MovableClock();

	private final List<FakeProcess> launched = new CopyOnWriteArrayList<>();

	private volatile Path socket;

	private ClusterMaster master;

	private Thread loop;

	@AfterEach
	void stop() throws InterruptedException {
		this.master.requestStop();
		this.loop.join(10_000);
	}

	@Test
	void killsAWorkerThatIsNotReadyWithinTheBootTimeoutAndCountsAFailedStart() {
		start(1);
		FakeProcess worker = awaitLaunched(1);
		this.clock.advance(Duration.ofSeconds(31));
		awaitWorker(1, (status) -> status.state() == WorkerState.BACKOFF);
		assertThat(worker.killed).isTrue();
		WorkerStatus status = this.master.status().worker(1);
		assertThat(status.lastExit().reason()).isEqualTo("boot-timeout");
		this.clock.advance(Duration.ofSeconds(1));
		awaitLaunched(2);
		awaitWorker(1, (slot) -> slot.restarts() == 1 && slot.lastRestartReason().tagValue().equals("boot-timeout"));
	}

	@Test
	void doesNotRestartAWorkerThatExitsWithAConfigurationErrorAndStopsWhenEverySlotHasFailed()
			throws InterruptedException {
		start(1);
		FakeProcess worker = awaitLaunched(1);
		worker.exit.complete(WorkerExit.CONFIGURATION_ERROR);
		awaitWorker(1, (status) -> status.state() == WorkerState.FAILED);
		this.clock.advance(Duration.ofMinutes(1));
		this.loop.join(10_000);
		assertThat(this.loop.isAlive()).isFalse();
		assertThat(this.launched).hasSize(1);
	}

	@Test
	void killsAndReplacesAWorkerWhoseHeartbeatsStop() throws IOException {
		start(1);
		FakeProcess worker = awaitLaunched(1);
		try (ControlConnection connection = worker.connect()) {
			connection.send(new ControlMessage.Heartbeat(true, "UP", 0, -1));
			awaitWorker(1, (status) -> status.state() == WorkerState.UP);
			this.clock.advance(Duration.ofSeconds(9));
			awaitWorker(1, (status) -> status.state() == WorkerState.UP);
			awaitOutcome(() -> {
				this.clock.advance(Duration.ofMillis(500));
				return worker.killed;
			});
			awaitWorker(1, (status) -> status.state() == WorkerState.BACKOFF);
			assertThat(this.master.status().worker(1).lastExit().reason()).isEqualTo("hang");
		}
	}

	@Test
	void rollingRestartReplacesOneWorkerAtATimeAndDrainsOnlyAfterTheReplacementIsReady() throws IOException {
		start(2);
		FakeProcess first = awaitLaunched(1);
		FakeProcess second = awaitLaunched(2);
		try (ControlConnection one = first.connect(); ControlConnection two = second.connect()) {
			one.send(new ControlMessage.Heartbeat(true, "UP", 0, -1));
			two.send(new ControlMessage.Heartbeat(true, "UP", 0, -1));
			awaitOutcome(() -> this.master.status().count(WorkerState.UP) == 2);
			this.master.requestRollingRestart();
			FakeProcess replacement = awaitLaunched(3);
			// the loop publishes its status after it launches: wait for the snapshot
			awaitOutcome(() -> this.master.status().worker(1).replacementPid() != null);
			Instant rolloutStarted = this.master.status().rollout().startedAt();
			this.master.requestRollingRestart();
			this.clock.advance(Duration.ofMillis(1));
			awaitOutcome(() -> this.master.status().time().isAfter(rolloutStarted));
			assertThat(this.master.status().rollout().startedAt()).isEqualTo(rolloutStarted);
			assertThat(this.master.status().worker(1).replacementPid()).isEqualTo(replacement.pid);
			assertThat(this.master.status().worker(1).pid()).isEqualTo(first.pid);
			assertThat(this.launched).hasSize(3);
			try (ControlConnection three = replacement.connect()) {
				three.send(new ControlMessage.Heartbeat(true, "UP", 0, -1));
				assertThat(one.receive()).isEqualTo(new ControlMessage.Drain(1000));
				FakeProcess secondReplacement = awaitLaunched(4);
				awaitOutcome(() -> this.master.status().worker(2).replacementPid() != null);
				assertThat(this.master.status().worker(1).pid()).isEqualTo(replacement.pid);
				assertThat(this.master.status().worker(2).replacementPid()).isEqualTo(secondReplacement.pid);
				assertThat(this.master.status().rollout().replaced()).isEqualTo(1);
				try (ControlConnection four = secondReplacement.connect()) {
					four.send(new ControlMessage.Heartbeat(true, "UP", 0, -1));
					assertThat(two.receive()).isEqualTo(new ControlMessage.Drain(1000));
					awaitOutcome(() -> this.master.status().rollout().state() == RolloutStatus.State.COMPLETED);
					assertThat(this.master.status().rollout().replaced()).isEqualTo(2);
				}
			}
		}
	}

	private void start(int workers) {
		MasterSettings settings = new MasterSettings(workers, 8080,
				new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(5), 2.0, Duration.ofSeconds(30), 5),
				Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 0, 0, 0,
				true);
		this.master = new ClusterMaster(settings, (socket) -> {
			this.socket = socket;
			return (slot) -> {
				FakeProcess process = new FakeProcess(slot, pids.incrementAndGet());
				this.launched.add(process);
				return process;
			};
		}, this.clock);
		this.loop = new Thread(() -> {
			try {
				this.master.run();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, "master-under-test");
		this.loop.start();
	}

	private FakeProcess awaitLaunched(int count) {
		awaitOutcome(() -> this.launched.size() >= count);
		return this.launched.get(count - 1);
	}

	private void awaitWorker(int id, java.util.function.Predicate<WorkerStatus> condition) {
		awaitOutcome(() -> {
			ClusterStatus status = this.master.status();
			return status.worker(id) != null && condition.test(status.worker(id));
		});
	}

	private static void awaitOutcome(java.util.concurrent.Callable<Boolean> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(condition);
	}

	private final class FakeProcess implements WorkerProcess {

		private final int slot;

		private final long pid;

		private final CompletableFuture<Integer> exit = new CompletableFuture<>();

		private volatile boolean killed;

		FakeProcess(int slot, long pid) {
			this.slot = slot;
			this.pid = pid;
		}

		ControlConnection connect() throws IOException {
			ControlConnection connection = ControlConnection.connect(ClusterMasterTests.this.socket);
			connection.send(new ControlMessage.Hello(this.slot, this.pid));
			return connection;
		}

		@Override
		public long pid() {
			return this.pid;
		}

		@Override
		public CompletableFuture<Integer> onExit() {
			return this.exit;
		}

		@Override
		public void stop() {
			this.exit.complete(143);
		}

		@Override
		public void kill() {
			this.killed = true;
			this.exit.complete(137);
		}

		@Override
		public boolean isAlive() {
			return !this.exit.isDone();
		}

	}

	private static final class MovableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-11-22T10:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
