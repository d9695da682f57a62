package dev.clusterboot.metrics.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.SmartLifecycle;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.ControlServer;
import dev.clusterboot.channel.ServerLimits;

/**
 * Serves this worker's own Prometheus scrape to the other workers, on a Unix domain
 * socket named {@code scrape-<pid>.sock} in the master's private control directory: no
 * TCP port, and no other user can connect. It speaks the channel's protocol, as a
 * {@link ControlServer} with {@link #LIMITS limits of its own}: a connection sends
 * {@link ControlMessage.ScrapeRequest scrape requests} and gets each answered with a
 * {@link ControlMessage.ScrapeReply} holding the scrape Boot's endpoint writes.
 * <p>
 * Named by pid rather than slot, so that during a replacement the slot's old and new
 * processes each have their own socket and the answering worker asks the one the master
 * names. It stops after the web server's graceful shutdown, so a draining worker still
 * answers, and deletes its socket; at start it deletes the sockets of processes that
 * died without doing so ({@code kill -9}).
 *
 * @author cluster-spring-boot-starter
 */
public class WorkerScrapeServer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WorkerScrapeServer.class);

	private static final String PREFIX = "scrape-";

	private static final String SUFFIX = ".sock";

	/**
	 * Room for every other worker of the largest cluster, each with several scrapes at
	 * once; requests are short, so lines of 64 KiB are plenty.
	 */
	static final ServerLimits LIMITS = new ServerLimits(512, 64 * 1024);

	private final Path socket;

	private final PrometheusScrapeEndpoint endpoint;

	private volatile @Nullable ControlServer server;

	/**
	 * Create a server for this process.
	 * @param directory the master's private control directory
	 * @param endpoint writes this worker's scrape
	 */
	public WorkerScrapeServer(Path directory, PrometheusScrapeEndpoint endpoint) {
		this.socket = socket(directory, ProcessHandle.current().pid());
		this.endpoint = endpoint;
	}

	/**
	 * Return the scrape socket of a worker process.
	 * @param directory the master's private control directory
	 * @param pid the worker's process id
	 * @return the socket path
	 */
	static Path socket(Path directory, long pid) {
		return directory.resolve(PREFIX + pid + SUFFIX);
	}

	@Override
	public void start() {
		deleteSocketsOfDeadProcesses();
		try {
			Files.deleteIfExists(this.socket);
			this.server = ControlServer.listen(this.socket, "scrape", LIMITS, new Scrapes());
		}
		catch (IOException ex) {
			logger.warn("Could not open " + this.socket + ": this worker's meters are left out of cluster scrapes",
					ex);
		}
	}

	private void deleteSocketsOfDeadProcesses() {
		try (Stream<Path> files = Files.list(this.socket.getParent())) {
			files.filter((file) -> isSocketOfDeadProcess(file.getFileName().toString())).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					logger.trace("Could not delete " + file, ex);
				}
			});
		}
		catch (IOException ex) {
			logger.trace("Could not list " + this.socket.getParent(), ex);
		}
	}

	private static boolean isSocketOfDeadProcess(String name) {
		if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
			return false;
		}
		try {
			long pid = Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
			return ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	@Override
	public void stop() {
		ControlServer running = this.server;
		this.server = null;
		if (running != null) {
			running.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Start before and stop after the web server (whose phases are a little below
	 * {@link SmartLifecycle#DEFAULT_PHASE}), so that a worker answers other workers for as
	 * long as it serves requests.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/**
	 * Return the path of this worker's scrape socket.
	 * @return the socket path
	 */
	public Path socket() {
		return this.socket;
	}

	/**
	 * Answers each scrape request with this worker's scrape.
	 */
	private final class Scrapes implements ControlServer.Handler {

		@Override
		public void onMessage(ControlConnection connection, ControlMessage message) throws IOException {
			if (!(message instanceof ControlMessage.ScrapeRequest request)) {
				throw new IOException("Not a scrape request: " + message);
			}
			PrometheusOutputFormat format = PrometheusOutputFormat.valueOf(request.format());
			byte[] body = WorkerScrapeServer.this.endpoint.scrape(format, request.includedNames()).getBody();
			String text = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
			connection.send(new ControlMessage.ScrapeReply(text));
		}

		@Override
		public void onClosed(ControlConnection connection) {
		}

	}

}
