package dev.clusterboot.metrics.prometheus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.SmartLifecycle;

/**
 * Serves this worker's own Prometheus scrape to the other workers, on a Unix domain
 * socket named {@code scrape-<pid>.sock} in the master's private control directory: no
 * TCP port, and no other user can connect. A connection sends one {@link ScrapeRequest}
 * line, gets the scrape Boot's endpoint writes, and is closed.
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

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String PREFIX = "scrape-";

	private static final String SUFFIX = ".sock";

	private final Path socket;

	private final PrometheusScrapeEndpoint endpoint;

	private final AtomicInteger connections = new AtomicInteger();

	private volatile @Nullable ServerSocketChannel server;

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
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			channel.bind(UnixDomainSocketAddress.of(this.socket));
			this.server = channel;
			Thread acceptor = new Thread(() -> accept(channel), "cluster-scrape-accept");
			acceptor.setDaemon(true);
			acceptor.start();
		}
		catch (IOException ex) {
			logger.warn("Could not open " + this.socket + ": this worker's meters are left out of cluster scrapes",
					ex);
		}
	}

	private void accept(ServerSocketChannel channel) {
		try {
			while (true) {
				SocketChannel connection = channel.accept();
				Thread thread = new Thread(() -> serve(connection),
						"cluster-scrape-" + this.connections.incrementAndGet());
				thread.setDaemon(true);
				thread.start();
			}
		}
		catch (ClosedChannelException ex) {
			logger.trace("Scrape socket closed");
		}
		catch (IOException ex) {
			logger.warn("Scrape socket failed; this worker's meters are left out of cluster scrapes", ex);
		}
	}

	private void serve(SocketChannel connection) {
		try (connection) {
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(Channels.newInputStream(connection), StandardCharsets.UTF_8));
			String line = reader.readLine();
			if (line == null) {
				return;
			}
			ScrapeRequest request = json.readValue(line, ScrapeRequest.class);
			PrometheusOutputFormat format = PrometheusOutputFormat.valueOf(request.format());
			byte[] body = this.endpoint.scrape(format, request.includedNames()).getBody();
			ByteBuffer buffer = ByteBuffer.wrap((body != null) ? body : new byte[0]);
			while (buffer.hasRemaining()) {
				connection.write(buffer);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not serve a scrape to another worker", ex);
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
		ServerSocketChannel channel = this.server;
		this.server = null;
		if (channel != null) {
			try {
				channel.close();
				Files.deleteIfExists(this.socket);
			}
			catch (IOException ex) {
				logger.debug("Could not delete " + this.socket, ex);
			}
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

}
