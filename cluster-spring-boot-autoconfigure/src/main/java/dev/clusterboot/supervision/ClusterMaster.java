package dev.clusterboot.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusterboot.api.status.BootPriorityMode;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.priority.BootPriority;
import dev.clusterboot.priority.BootPriorityPolicy;
import dev.clusterboot.priority.ThreadPriorities;
import dev.clusterboot.properties.Durations;
import dev.clusterboot.steering.SteeringMode;
import dev.clusterboot.steering.least.InFlightTable;

/**
 * The cluster master as the application starts it: opens the control channel, runs the
 * {@link MasterLoop} until every worker has exited, and takes requests from any thread
 * (stop, rolling restart, scaling) as tasks for that loop. Every worker process it
 * launches is watched by {@link WorkerProcesses}, so that a master that cannot wait for
 * them kills them.
 *
 * @author cluster-spring-boot-starter
 */
public final class ClusterMaster {

	private static final Log logger = LogFactory.getLog(ClusterMaster.class);

	private final MasterSettings settings;

	private final Function<Path, WorkerLauncher> launchers;

	private final CountDownLatch terminated = new CountDownLatch(1);

	private final WorkerProcesses processes = new WorkerProcesses(this::exited);

	private final MasterLoop loop;

	/**
	 * Create a master.
	 * @param settings what to run
	 * @param launchers makes the worker launcher once the control socket exists
	 */
	public ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers) {
		this(settings, launchers, Clock.systemUTC());
	}

	ClusterMaster(MasterSettings settings, Function<Path, WorkerLauncher> launchers, Clock clock) {
		this.settings = settings;
		this.launchers = launchers;
		this.loop = new MasterLoop(settings, this.processes, clock);
	}

	/**
	 * Change the serving workers' priority while a worker JVM boots, by the
	 * {@link BootPriorityPolicy}; call before {@link #run()}. Without it the master changes
	 * no priority.
	 * @param mode what the master may do
	 * @param masterNice the master's own nice value
	 * @param lowerBy how many steps above the master's nice serving workers run while a
	 * JVM boots
	 * @param priorities changes a process's threads' nice value
	 */
	public void useBootPriority(BootPriorityMode mode, int masterNice, int lowerBy, ThreadPriorities priorities) {
		useBootPriority(new BootPriority(new BootPriorityPolicy(mode, masterNice, lowerBy), priorities));
	}

	/**
	 * Change the serving workers' priority while a worker JVM boots, as the given
	 * {@link BootPriority} decides; call before {@link #run()}.
	 * @param priority the boot priority to apply
	 */
	public void useBootPriority(BootPriority priority) {
		this.loop.bootPriority(priority);
	}

	/**
	 * Start the workers and supervise them until a stop is requested and every worker has
	 * exited, or until every slot has failed.
	 * @return the exit code for the master's process: 0 after a requested stop, 1 when
	 * every slot failed
	 * @throws IOException if the control channel cannot be opened
	 */
	public int run() throws IOException {
		try (ControlServer server = ControlServer.start(new MasterChannelHandler(this.loop))) {
			this.processes.use(this.launchers.apply(server.socket()));
			shareSteeringGroup(server.socket().getParent());
			logger.info("Cluster master (pid " + this.loop.pid() + ") starting " + this.settings.workers() + " workers"
					+ ((this.settings.port() > 0) ? " on port " + this.settings.port() : " without a port"));
			int exitCode = this.loop.run();
			logger.info("Cluster master stopped; every worker has exited");
			return exitCode;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.processes.killAll();
			return 1;
		}
		finally {
			BootPriority priority = this.loop.bootPriority();
			if (priority != null) {
				priority.close();
			}
			this.terminated.countDown();
		}
	}

	/**
	 * In {@code least} steering, map the table that the workers share in the master's
	 * directory; without it, the master's programs alone steer, as in {@code health}.
	 * @param directory the master's private directory
	 */
	private void shareSteeringGroup(Path directory) {
		if (this.settings.steering().mode() != SteeringMode.LEAST) {
			return;
		}
		try {
			InFlightTable table = InFlightTable.map(directory);
			submit((now) -> this.loop.supervisor().shareSteeringGroup(table::writeGroup));
		}
		catch (UncheckedIOException ex) {
			logger.warn("Least-connections steering cannot share its table, so only the master's programs steer: "
					+ ex.getMessage());
		}
	}

	private void submit(Consumer<Instant> task) {
		this.loop.submit(task);
	}

	private void exited(WorkerProcess process, int code) {
		submit((now) -> this.loop.supervisor().exited(process, code, now));
	}

	/**
	 * Ask the master to stop every worker gracefully and then return from {@link #run()}.
	 * Safe to call from any thread, any number of times.
	 */
	public void requestStop() {
		submit((now) -> this.loop.supervisor().operations().stop(now));
	}

	/**
	 * Ask the master to replace every worker, one at a time. Safe to call from any
	 * thread; a request while a rollout runs leaves that rollout alone.
	 */
	public void requestRollingRestart() {
		submit((now) -> this.loop.supervisor().operations().rollingRestart(now));
	}

	/**
	 * Ask the master to run one more or one fewer worker. Safe to call from any thread.
	 * @param delta {@code +1} or {@code -1}
	 */
	public void requestScaleBy(int delta) {
		submit((now) -> {
			Supervisor supervisor = this.loop.supervisor();
			supervisor.operations().scale(supervisor.desiredWorkers() + delta, now);
		});
	}

	/**
	 * Stop the workers and wait for them, for a JVM shutdown that did not come through
	 * {@link #requestStop()}. Workers still alive after the drain period and the shutdown
	 * timeout are killed.
	 */
	public void stopAndWait() {
		requestStop();
		MasterSettings.Timeouts timeouts = this.settings.timeouts();
		long wait = Durations.millis(timeouts.drainPeriod(), timeouts.shutdown(), Duration.ofSeconds(1));
		try {
			if (!this.terminated.await(wait, TimeUnit.MILLISECONDS)) {
				this.processes.killAll();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.processes.killAll();
		}
	}

	/**
	 * Wait until every desired worker has been up at once, for work that should not
	 * compete with the first workers' start.
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitFirstAllUp(Duration timeout) throws InterruptedException {
		this.loop.awaitFirstAllUp(timeout);
	}

	/**
	 * Return the latest published status.
	 * @return the cluster's status
	 */
	public ClusterStatus status() {
		return this.loop.status();
	}

}
