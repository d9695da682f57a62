package dev.clusterboot.steering.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.SteeringMessage;
import dev.clusterboot.steering.kernel.SteeringAvailability;
import dev.clusterboot.steering.kernel.SteeringUnavailableReason;

/**
 * A worker's reports to the master that steers its port: that it
 * {@link SteeringMessage.PortJoined joined} the port's group (when, and whether it can
 * attach programs), that it {@link SteeringMessage.PortLeft left} it, and, every report
 * interval while it is in the group, its load ({@link LoadReports}): the membership and
 * the slow requests are checked every slow threshold, at most every report interval.
 * <p>
 * The time of a join is the one the server took as its socket joined the group, in the
 * host's turn, so that the master orders the workers' sockets as the kernel does; a
 * moment taken when the join is reported would be later than the listen, and could put
 * two workers that started together in the wrong order. A staged or promoted worker's
 * join calls {@link #joined()}, and an ordinary start's server listens on the shared port
 * as it starts, which {@link WebServerInitializedEvent} tells. A leave calls
 * {@link #left()}. Every interval,
 * the membership itself is checked too, so that a join or leave that passed elsewhere is
 * still reported. Everything is sent from one daemon thread, {@code cluster-steering}: a
 * request thread only counts.
 *
 * @author cluster-spring-boot-starter
 */
public final class SteeringReporter
		implements InitializingBean, DisposableBean, ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(SteeringReporter.class);

	private final MasterLink master;

	private final LoadReports loads;

	private final BooleanSupplier inGroup;

	private final Supplier<OptionalLong> joinedAt;

	private final long checkNanos;

	private final IntFunction<SteeringAvailability> unavailability;

	private final int port;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread reporter = new Thread(task, "cluster-steering");
		reporter.setDaemon(true);
		return reporter;
	});

	private boolean reportedJoined;

	private volatile @Nullable Runnable eachCheck;

	/**
	 * Create the reporter.
	 * @param master the link to the master
	 * @param load the worker's requests
	 * @param inGroup whether the worker's server is in the port's group now
	 * @param joinedAt when the server's socket joined the group, on
	 * {@link System#nanoTime()}, taken in the host's turn; empty until it listens
	 * @param ready whether the application accepts traffic now
	 * @param port the shared port
	 * @param interval how often to report the load
	 * @param slowAfter how long a request may be in flight before it counts as slow
	 */
	public SteeringReporter(MasterLink master, RequestLoad load, BooleanSupplier inGroup,
			Supplier<OptionalLong> joinedAt,
			BooleanSupplier ready, int port, Duration interval, Duration slowAfter) {
		this(master, load, inGroup, joinedAt, ready, port, interval, slowAfter, SteeringAvailability::probe);
	}

	SteeringReporter(MasterLink master, RequestLoad load, BooleanSupplier inGroup, Supplier<OptionalLong> joinedAt,
			BooleanSupplier ready, int port, Duration interval, Duration slowAfter,
			IntFunction<SteeringAvailability> unavailability) {
		this.master = master;
		this.loads = new LoadReports(master, load, ready, interval, slowAfter);
		this.inGroup = inGroup;
		this.joinedAt = joinedAt;
		this.port = port;
		this.checkNanos = Math.min(slowAfter.toNanos(), interval.toNanos());
		this.unavailability = unavailability;
	}

	@Override
	public void afterPropertiesSet() {
		this.thread.scheduleWithFixedDelay(this::tick, this.checkNanos, this.checkNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null && this.inGroup.getAsBoolean()) {
			joined();
		}
	}

	/**
	 * Report that the worker's server joined the port's group, with the moment its socket
	 * joined.
	 */
	public void joined() {
		this.thread.execute(this::reportJoined);
	}

	/**
	 * Report that the worker's server left the port's group just now.
	 */
	public void left() {
		this.thread.execute(this::reportLeft);
	}

	/**
	 * Run a task on the reporter's thread at every check, every slow threshold or report
	 * interval: {@code least} steering chooses again there, in case a change was skipped.
	 * @param task the task
	 */
	public void eachCheck(Runnable task) {
		this.eachCheck = task;
	}

	void tick() {
		try {
			report();
			Runnable task = this.eachCheck;
			if (task != null) {
				task.run();
			}
		}
		catch (RuntimeException ex) {
			// a failed tick must not end the schedule
			logger.debug("Could not report to the master", ex);
		}
	}

	private void report() {
		boolean in = this.inGroup.getAsBoolean();
		if (in && !this.reportedJoined) {
			reportJoined();
		}
		else if (!in && this.reportedJoined) {
			reportLeft();
		}
		if (this.reportedJoined) {
			this.loads.check(System.nanoTime());
		}
	}

	private void reportJoined() {
		OptionalLong joinedAt = this.joinedAt.get();
		// a server that says it joined before its socket listens (an ordinary start) has no
		// moment yet, or no socket to probe: not in the group yet, so the next check reports it
		if (!this.reportedJoined && joinedAt.isPresent()) {
			SteeringAvailability availability = this.unavailability.apply(this.port);
			if (availability.reason() == SteeringUnavailableReason.NO_LISTENING_SOCKET) {
				return;
			}
			this.reportedJoined = true;
			send(new SteeringMessage.PortJoined(joinedAt.getAsLong(),
					availability.isAvailable() ? null : availability.description()));
		}
	}

	private void reportLeft() {
		if (this.reportedJoined) {
			this.reportedJoined = false;
			send(new SteeringMessage.PortLeft());
		}
	}

	private void send(ControlMessage message) {
		// sent even while the worker drains, when the agent drops reports
		try {
			this.master.send(message);
		}
		catch (IOException ex) {
			logger.trace("Could not send " + message.getClass().getSimpleName(), ex);
		}
	}

	@Override
	public void destroy() {
		this.thread.shutdownNow();
	}

}
