package dev.clusterboot.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import dev.clusterboot.api.ClusterCommandRefusedException;
import dev.clusterboot.api.ClusterUnavailableException;
import dev.clusterboot.api.status.ClusterStatus;
import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;

/**
 * Fetches the cluster's status from the master, for whichever worker answers a request
 * about the whole cluster.
 * <p>
 * Each fetch opens its own short connection to the master's control socket, and gives up
 * after a timeout so that a stuck master cannot hold up a request thread.
 *
 * @author cluster-spring-boot-starter
 */
public class ClusterStatusClient implements AutoCloseable {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

	private final Path socket;

	private final Duration timeout;

	private final Duration maxAge;

	private final Clock clock;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "cluster-status-client");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable Cached cached;

	/**
	 * Create a client for the master's control socket.
	 * @param socket the socket path
	 */
	public ClusterStatusClient(Path socket) {
		this(socket, DEFAULT_TIMEOUT, DEFAULT_MAX_AGE, Clock.systemUTC());
	}

	ClusterStatusClient(Path socket, Duration timeout, Duration maxAge, Clock clock) {
		this.socket = socket;
		this.timeout = timeout;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * Fetch the current status from the master.
	 * @return the status
	 * @throws ClusterUnavailableException if the master does not answer in time
	 */
	public ClusterStatus fetch() {
		return send(new ControlMessage.StatusRequest());
	}

	/**
	 * Ask the master to replace every worker, one at a time. A request while a rolling
	 * restart runs leaves it alone.
	 * @return the status, showing the rollout
	 * @throws ClusterUnavailableException if the master does not answer in time
	 */
	public ClusterStatus requestRollingRestart() {
		return send(new ControlMessage.RollingRestartRequest());
	}

	/**
	 * Ask the master to run this many workers.
	 * @param workers the desired number of workers
	 * @return the status after the change
	 * @throws ClusterUnavailableException if the master does not answer in time
	 * @throws ClusterCommandRefusedException if the master refuses, with its reason
	 */
	public ClusterStatus requestScale(int workers) {
		return send(new ControlMessage.ScaleRequest(workers));
	}

	private ClusterStatus send(ControlMessage request) {
		Future<ControlMessage.StatusReply> future = this.executor.submit(() -> request(request));
		ControlMessage.StatusReply reply;
		try {
			reply = future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			failed();
			throw new ClusterUnavailableException("The cluster master did not answer within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			failed();
			throw new ClusterUnavailableException("Could not reach the cluster master at " + this.socket,
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterUnavailableException("Interrupted while asking the cluster master for its status", ex);
		}
		this.cached = new Cached(reply.status(), this.clock.instant());
		String refused = reply.refused();
		if (refused != null) {
			throw new ClusterCommandRefusedException(refused, reply.status());
		}
		return reply.status();
	}

	/**
	 * Remember that the master did not answer, so that the callers of {@link #recent()}
	 * within the maximum age take the last known status instead of waiting again.
	 */
	private void failed() {
		Cached last = this.cached;
		this.cached = new Cached((last != null) ? last.status() : null, this.clock.instant());
	}

	/**
	 * Return a status no older than the client's maximum age (one second by default),
	 * fetching it when the last attempt is older: cheap enough for meters and health
	 * checks. Within that age of a failed fetch it answers the last known status at once,
	 * so a stuck master costs one timeout, not one per caller.
	 * @return the status, or {@code null} when the master cannot be reached and never
	 * answered
	 */
	public @Nullable ClusterStatus recent() {
		Cached last = this.cached;
		if (last != null && last.fetchedAt().plus(this.maxAge).isAfter(this.clock.instant())) {
			return last.status();
		}
		try {
			return fetch();
		}
		catch (ClusterUnavailableException ex) {
			Cached known = this.cached;
			return (known != null) ? known.status() : null;
		}
	}

	private ControlMessage.StatusReply request(ControlMessage request) throws IOException {
		try (ControlConnection connection = ControlConnection.connect(this.socket)) {
			connection.send(request);
			ControlMessage reply = connection.receive();
			if (reply instanceof ControlMessage.StatusReply statusReply) {
				return statusReply;
			}
			throw new IOException("Unexpected answer from the cluster master: " + reply);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private record Cached(@Nullable ClusterStatus status, Instant fetchedAt) {
	}

}
