package dev.clusterboot.process;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict HTTP/1.1 load generator for 127.0.0.1: half its connections are kept alive,
 * half send {@code Connection: close}. It counts every request that does not end in a
 * complete 200 response (a reset, an early close, a timeout, any other status) as failed,
 * and never retries: what a client without retries would see. It honours
 * {@code Connection: close} in responses, as HTTP requires.
 */
final class LoadGenerator implements AutoCloseable {

	private static final Pattern PID = Pattern.compile("pid ([0-9]+)");

	private static final Duration LIMIT = Duration.ofMinutes(5);

	/**
	 * Prefix of the failure kinds on a connection that had already had a response: a
	 * request a client cannot tell was not processed.
	 */
	static final String OPEN_CONNECTION = "open connection: ";

	/**
	 * Prefix of the failure kinds on a connection that never had a response: refused, or
	 * reset before any server read from it.
	 */
	static final String NEW_CONNECTION = "new connection: ";

	private final int port;

	private final Duration pace;

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicLong succeeded = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();

	private final Set<Long> keepAliveClosedBy = ConcurrentHashMap.newKeySet();

	private final Set<Long> keepAliveKeptBy = ConcurrentHashMap.newKeySet();

	private final long deadline = System.nanoTime() + LIMIT.toNanos();

	private volatile boolean running = true;

	/**
	 * Start sending.
	 * @param port the port on 127.0.0.1
	 * @param connections how many connections to keep busy
	 * @param pace pause between one connection's requests
	 */
	LoadGenerator(int port, int connections, Duration pace) {
		this.port = port;
		this.pace = pace;
		for (int i = 0; i < connections; i++) {
			boolean keepAlive = i % 2 == 0;
			Thread thread = new Thread(() -> run(keepAlive), "load-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	long succeeded() {
		return this.succeeded.get();
	}

	long failed() {
		return this.failed.get();
	}

	/**
	 * The pids of the workers that answered a keep-alive request with
	 * {@code Connection: close}.
	 */
	Set<Long> keepAliveClosedBy() {
		return Set.copyOf(this.keepAliveClosedBy);
	}

	/**
	 * The pids of the workers that answered a keep-alive request and kept the connection
	 * open: each holds a client until it sends it away.
	 */
	Set<Long> keepAliveKeptBy() {
		return Set.copyOf(this.keepAliveKeptBy);
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Failed requests by kind, for example {@code Connection reset: 3}.
	 */
	Map<String, Long> failureKinds() {
		Map<String, Long> kinds = new TreeMap<>();
		this.failureKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
		return kinds;
	}

	private static String kind(Exception ex) {
		String message = String.valueOf(ex.getMessage());
		return ex.getClass().getSimpleName() + ": " + message.replaceAll("\\(.*\\)|[0-9]+", "").trim();
	}

	private void run(boolean keepAlive) {
		Socket socket = null;
		int answered = 0;
		while (this.running && System.nanoTime() < this.deadline) {
			try {
				if (socket == null) {
					socket = new Socket();
					answered = 0;
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
					socket.setSoTimeout(10000);
				}
				boolean close = request(socket, keepAlive);
				this.succeeded.incrementAndGet();
				answered++;
				if (close) {
					socket.close();
					socket = null;
				}
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					this.failed.incrementAndGet();
					String on = (answered > 0) ? OPEN_CONNECTION : NEW_CONNECTION;
					this.failureKinds.computeIfAbsent(on + kind(ex), (key) -> new LongAdder()).increment();
					if (this.failures.size() < 20) {
						this.failures.add(ex.toString());
					}
				}
				closeQuietly(socket);
				socket = null;
			}
			LockSupport.parkNanos(this.pace.toNanos());
		}
		closeQuietly(socket);
	}

	/**
	 * Send one request and read its response.
	 * @return whether the connection must be closed afterwards
	 */
	private boolean request(Socket socket, boolean keepAlive) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = new BufferedInputStream(socket.getInputStream(), 1);
		String head = readHead(in);
		String status = head.substring(0, head.indexOf("\r\n"));
		if (!status.startsWith("HTTP/1.1 200")) {
			throw new IOException("Unexpected status: " + status);
		}
		String headers = head.toLowerCase(Locale.ROOT);
		int length = contentLength(headers);
		byte[] body = in.readNBytes(length);
		boolean closed = headers.contains("\r\nconnection: close");
		if (keepAlive) {
			Matcher pid = PID.matcher(new String(body, StandardCharsets.US_ASCII));
			if (pid.find()) {
				(closed ? this.keepAliveClosedBy : this.keepAliveKeptBy).add(Long.parseLong(pid.group(1)));
			}
		}
		return !keepAlive || closed;
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("Connection closed before a complete response (" + head.size() + " bytes)");
			}
			head.write(next);
			matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static int contentLength(String headers) throws IOException {
		int at = headers.indexOf("\r\ncontent-length:");
		if (at < 0) {
			throw new IOException("Response without Content-Length");
		}
		int end = headers.indexOf("\r\n", at + 2);
		return Integer.parseInt(headers.substring(at + 17, end).trim());
	}

	private static void closeQuietly(Socket socket) {
		try {
			if (socket != null) {
				socket.close();
			}
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Stop sending and wait for every connection to finish its request.
	 */
	@Override
	public void close() {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(15));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
