package dev.clusterboot.steering;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * interval while it is in the group, its {@link SteeringMessage.Load load} and whether the
 * application accepts traffic.
 * <p>
 * The time of a join is taken on the thread that joined, right after the socket listens:
 * a staged or promoted worker's join calls {@link #joined()}, and an ordinary start's
 * server listens on the shared port as it starts, which
 * {@link WebServerInitializedEvent} tells. A leave calls {@link #left()}. Every interval,
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

	private final RequestLoad load;

	private final BooleanSupplier inGroup;

	private final BooleanSupplier ready;

	private final Duration interval;

	private final IntFunction<SteeringAvailability> unavailability;

	private final int port;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread reporter = new Thread(task, "cluster-steering");
		reporter.setDaemon(true);
		return reporter;
	});

	private boolean reportedJoined;

	/**
	 * Create the reporter.
	 * @param master the link to the master
	 * @param load the worker's requests
	 * @param inGroup whether the worker's server is in the port's group now
	 * @param ready whether the application accepts traffic now
	 * @param port the shared port
	 * @param interval how often to report the load
	 */
	public SteeringReporter(MasterLink master, RequestLoad load, BooleanSupplier inGroup, BooleanSupplier ready,
			int port, Duration interval) {
		this(master, load, inGroup, ready, port, interval, SteeringAvailability::probe);
	}

	SteeringReporter(MasterLink master, RequestLoad load, BooleanSupplier inGroup, BooleanSupplier ready, int port,
			Duration interval, IntFunction<SteeringAvailability> unavailability) {
		this.master = master;
		this.load = load;
		this.inGroup = inGroup;
		this.ready = ready;
		this.port = port;
		this.interval = interval;
		this.unavailability = unavailability;
	}

	@Override
	public void afterPropertiesSet() {
		long millis = this.interval.toMillis();
		this.thread.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null && this.inGroup.getAsBoolean()) {
			joined();
		}
	}

	/**
	 * Report that the worker's server joined the port's group just now.
	 */
	public void joined() {
		long joinedAt = System.nanoTime();
		this.thread.execute(() -> reportJoined(joinedAt));
	}

	/**
	 * Report that the worker's server left the port's group just now.
	 */
	public void left() {
		this.thread.execute(this::reportLeft);
	}

	void tick() {
		try {
			report();
		}
		catch (RuntimeException ex) {
			// a failed tick must not end the schedule
			logger.debug("Could not report to the master", ex);
		}
	}

	private void report() {
		boolean in = this.inGroup.getAsBoolean();
		if (in && !this.reportedJoined) {
			reportJoined(System.nanoTime());
		}
		else if (!in && this.reportedJoined) {
			reportLeft();
		}
		if (this.reportedJoined) {
			this.master.report(new SteeringMessage.Load(this.load.inFlight(), this.load.completedCount(),
					this.ready.getAsBoolean()));
		}
	}

	private void reportJoined(long joinedAt) {
		if (!this.reportedJoined) {
			SteeringAvailability availability = this.unavailability.apply(this.port);
			if (availability.reason() == SteeringUnavailableReason.NO_LISTENING_SOCKET) {
				// a server whose member says joined before its socket listens (an ordinary
				// start): not in the group yet, so the next tick reports it
				return;
			}
			this.reportedJoined = true;
			send(new SteeringMessage.PortJoined(joinedAt,
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
