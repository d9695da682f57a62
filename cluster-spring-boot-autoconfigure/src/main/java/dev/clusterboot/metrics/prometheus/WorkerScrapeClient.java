package dev.clusterboot.metrics.prometheus;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches other workers' scrapes from their {@link WorkerScrapeServer scrape sockets},
 * all at once, and gives up on each one at a shared deadline. A worker that is slow,
 * hung, or gone is simply absent from the answer; cancelling its fetch interrupts the
 * read, which closes its connection.
 *
 * @author cluster-spring-boot-starter
 */
class WorkerScrapeClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WorkerScrapeClient.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path directory;

	private final Duration timeout;

	private final AtomicInteger threads = new AtomicInteger();

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "cluster-scrape-client-" + this.threads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Create a client.
	 * @param directory the master's private control directory
	 * @param timeout how long to wait for all workers together
	 */
	WorkerScrapeClient(Path directory, Duration timeout) {
		this.directory = directory;
		this.timeout = timeout;
	}

	/**
	 * Fetch the scrapes of several workers.
	 * @param pids the process to ask, by slot id
	 * @param request what to ask for
	 * @return the scrapes of those that answered in time, by slot id
	 */
	Map<Integer, String> fetch(Map<Integer, Long> pids, ScrapeRequest request) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		String line = json.writeValueAsString(request) + "\n";
		Map<Integer, Future<String>> futures = new LinkedHashMap<>();
		pids.forEach((slot, pid) -> futures.put(slot,
				this.executor.submit(() -> fetch(WorkerScrapeServer.socket(this.directory, pid), line))));
		Map<Integer, String> scrapes = new LinkedHashMap<>();
		futures.forEach((slot, future) -> {
			try {
				scrapes.put(slot, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				logger.debug("Worker " + slot + " did not answer a scrape within " + this.timeout);
			}
			catch (ExecutionException ex) {
				logger.debug("Worker " + slot + " could not be scraped", ex.getCause());
			}
			catch (InterruptedException ex) {
				future.cancel(true);
				Thread.currentThread().interrupt();
			}
		});
		return scrapes;
	}

	private String fetch(Path socket, String request) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			ByteBuffer buffer = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
