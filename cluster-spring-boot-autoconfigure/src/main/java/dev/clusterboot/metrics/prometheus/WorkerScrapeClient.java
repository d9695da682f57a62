package dev.clusterboot.metrics.prometheus;

import java.io.IOException;
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

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage.ScrapeRequest;
import dev.clusterboot.channel.ControlMessage;

/**
 * Fetches other workers' scrapes from their {@link WorkerScrapeServer scrape sockets},
 * all at once, and gives up on each one at a shared deadline. A worker that is slow,
 * hung, or gone is simply absent from the answer; cancelling its fetch interrupts the
 * read, which closes its connection. Each fetch is a {@link ScrapeRequest} answered by a
 * {@link ControlMessage.ScrapeReply} on a connection of its own, whose lines may be as
 * long as {@value #REPLY_LINE_LIMIT} bytes: a scrape can be megabytes.
 *
 * @author cluster-spring-boot-starter
 */
class WorkerScrapeClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WorkerScrapeClient.class);

	/**
	 * The longest scrape reply read, in bytes of JSON.
	 */
	static final int REPLY_LINE_LIMIT = 64 * 1024 * 1024;

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
		Map<Integer, Future<String>> futures = new LinkedHashMap<>();
		pids.forEach((slot, pid) -> futures.put(slot,
				this.executor.submit(() -> fetch(WorkerScrapeServer.socket(this.directory, pid), request))));
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

	private String fetch(Path socket, ScrapeRequest request) throws IOException {
		try (ControlConnection connection = ControlConnection.connect(socket, REPLY_LINE_LIMIT)) {
			connection.send(request);
			ControlMessage reply = connection.receive();
			if (reply instanceof ControlMessage.ScrapeReply scrape) {
				return scrape.text();
			}
			throw new IOException("Unexpected answer to a scrape request: " + reply);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
