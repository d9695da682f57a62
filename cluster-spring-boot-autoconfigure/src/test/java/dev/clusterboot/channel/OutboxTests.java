package dev.clusterboot.channel;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Outbox}, on a real socket whose far end, like a stuck worker, never
 * reads: messages between workers are queued up to the limit and refused beyond it,
 * without the caller ever waiting, and the master's own messages still go first once the
 * worker reads again.
 */
class OutboxTests {

	private static final long LIMIT = 64 * 1024;

	@TempDir
	Path directory;

	private ServerSocketChannel server;

	private SocketChannel worker;

	private ControlConnection master;

	@BeforeEach
	void connect() throws IOException {
		Path socket = this.directory.resolve("o.sock");
		this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.server.bind(UnixDomainSocketAddress.of(socket));
		this.master = ControlConnection.connect(socket);
		this.worker = this.server.accept();
	}

	@AfterEach
	void close() throws IOException {
		this.master.close();
		this.worker.close();
		this.server.close();
		Files.deleteIfExists(this.directory.resolve("o.sock"));
	}

	@Test
	void aWorkerThatDoesNotReadCostsTheMasterNoMoreThanTheLimitAndNeverBlocksTheSender() throws IOException {
		Outbox outbox = new Outbox(this.master, "cluster-outbox-test", LIMIT);
		byte[] line = line(1024);
		int accepted = 0;
		int refused = 0;
		// far more than the socket's buffers and the queue together hold; every offer returns
		for (int i = 0; i < 10_000; i++) {
			if (outbox.offer(line)) {
				accepted++;
			}
			else {
				refused++;
			}
			assertThat(outbox.queuedBytes()).isLessThanOrEqualTo(LIMIT);
		}
		assertThat(refused).isPositive();
		assertThat(accepted).isLessThan(10_000);
		outbox.send(new ControlMessage.Drain(100));
		outbox.close();
		assertThat(outbox.offer(line)).isFalse();
	}

	@Test
	void theMastersOwnMessagesAreWrittenBeforeQueuedMessagesBetweenWorkers() throws IOException {
		Outbox outbox = new Outbox(this.master, "cluster-outbox-test", LIMIT);
		ControlConnection reader = new ControlConnection(this.worker, ControlConnection.REPLY_LINE_LIMIT);
		while (outbox.offer(line(1024))) {
			// fill the queue while nobody reads
		}
		outbox.send(new ControlMessage.Drain(100));
		ControlMessage drain = null;
		for (int read = 0; read < 10_000 && drain == null; read++) {
			ControlMessage message = reader.receive();
			if (message instanceof ControlMessage.Drain) {
				drain = message;
			}
		}
		assertThat(drain).isEqualTo(new ControlMessage.Drain(100));
		// one message read per poll, so no pause between polls: some sixty remain queued
		Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ZERO).until(() -> {
			reader.receive();
			return outbox.queuedBytes() == 0;
		});
		outbox.close();
	}

	private static byte[] line(int size) {
		String payload = "x".repeat(size);
		byte[] encoded = ControlConnection.encode(new ControlMessage.Deliver(1, "example.Note", payload));
		return Arrays.copyOf(encoded, encoded.length);
	}

}
