package dev.clusterboot.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusterboot.api.status.MessageDropReason;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.WorkerChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageRouter}: it queues a message, as a delivery from its sender, in
 * each receiver's channel, and counts what it drops by reason.
 */
class MessageRouterTests {

	private final MessageRouter router = new MessageRouter();

	@Test
	void queuesOneDeliveryFromTheSenderInEachReceiversChannel() {
		Recording second = new Recording(true);
		Recording third = new Recording(true);
		this.router.update(new MessageRoutes(
				Map.of(1, MessageRoutes.Route.to(new Recording(true)), 2, MessageRoutes.Route.to(second), 3,
						MessageRoutes.Route.to(third))));
		this.router.route(1, new ControlMessage.Send(null, "example.Note", "{\"text\":\"hi\"}"));
		String expected = "{\"type\":\"deliver\",\"from\":1,\"payloadType\":\"example.Note\","
				+ "\"payload\":\"{\\\"text\\\":\\\"hi\\\"}\"}\n";
		assertThat(second.lines).containsExactly(expected);
		assertThat(third.lines).containsExactly(expected);
		assertThat(this.router.drops()).containsOnlyKeys(MessageDropReason.NOT_READY, MessageDropReason.DRAINING,
				MessageDropReason.NO_SUCH_WORKER, MessageDropReason.QUEUE_FULL).allSatisfy((reason, count) ->
						assertThat(count).isZero());
	}

	@Test
	void countsEachDropByReason() {
		this.router.update(new MessageRoutes(Map.of(2, MessageRoutes.Route.to(new Recording(false)), 3,
				MessageRoutes.Route.dropped(MessageDropReason.NOT_READY), 4,
				MessageRoutes.Route.dropped(MessageDropReason.DRAINING))));
		this.router.route(1, new ControlMessage.Send(null, "example.Note", "{}"));
		this.router.route(1, new ControlMessage.Send(7, "example.Note", "{}"));
		assertThat(this.router.drops()).containsEntry(MessageDropReason.QUEUE_FULL, 1L)
			.containsEntry(MessageDropReason.NOT_READY, 1L)
			.containsEntry(MessageDropReason.DRAINING, 1L)
			.containsEntry(MessageDropReason.NO_SUCH_WORKER, 1L);
	}

	private static final class Recording implements WorkerChannel {

		private final boolean accepts;

		private final List<String> lines = new ArrayList<>();

		Recording(boolean accepts) {
			this.accepts = accepts;
		}

		@Override
		public void send(ControlMessage message) {
		}

		@Override
		public boolean offer(byte[] line) {
			if (this.accepts) {
				this.lines.add(new String(line, java.nio.charset.StandardCharsets.UTF_8));
			}
			return this.accepts;
		}

	}

}
